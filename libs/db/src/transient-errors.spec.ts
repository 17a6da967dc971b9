import { isTransientDbError, retryTransient } from './transient-errors';

function pgError(code: string, message = 'error'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientDbError', () => {
  it('recognises an unreachable or restarting server', () => {
    expect(isTransientDbError(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isTransientDbError(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isTransientDbError(pgError('08006'))).toBe(true);
    expect(isTransientDbError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isTransientDbError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDbError(pgError('40P01', 'deadlock detected'))).toBe(true);
  });

  it('looks inside TypeORM’s QueryFailedError', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: pgError('57P01') });
    expect(isTransientDbError(wrapped)).toBe(true);
  });

  it('does not retry a wrong statement or a constraint', () => {
    expect(isTransientDbError(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isTransientDbError(pgError('42P01', 'relation "nope" does not exist'))).toBe(false);
    expect(isTransientDbError(new Error('something else'))).toBe(false);
    expect(isTransientDbError('Connection terminated')).toBe(false);
  });
});

describe('retryTransient', () => {
  it('repeats a statement until the server is back', async () => {
    let calls = 0;
    const retries: number[] = [];
    const value = await retryTransient(
      async () => {
        calls += 1;
        if (calls < 3) throw pgError('57P03', 'the database system is starting up');
        return 'ok';
      },
      [0, 0, 0],
      (_e, attempt) => retries.push(attempt),
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the last delay with the last error, and at once on a non-transient error', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls += 1;
        throw pgError('08006', `down ${calls}`);
      }, [0, 0]),
    ).rejects.toThrow('down 3');
    calls = 0;
    await expect(
      retryTransient(async () => {
        calls += 1;
        throw pgError('23505', 'duplicate');
      }, [0, 0]),
    ).rejects.toThrow('duplicate');
    expect(calls).toBe(1);
  });
});
