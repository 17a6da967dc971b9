import type { SendOutcome } from './send-outcome';
import { SendPipelineSteps, runSendPipeline } from './send-pipeline';
import { SendWindow } from './send-window';

type Row = { id: string };

/** A deferred promise the test resolves when it chooses. */
function later<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const accepted = (id: string): SendOutcome => ({ kind: 'accepted', providerMessageId: `m-${id}`, final: false });
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** In-memory steps that record what the pipeline did, with the window's high-water mark. */
function fakeSteps(over: Partial<SendPipelineSteps<Row, 'paused'>> = {}) {
  const log = { claims: [] as string[][], records: [] as string[][], sent: [] as string[], maxUnrecorded: 0 };
  let unrecorded = 0;
  const steps: SendPipelineSteps<Row, 'paused'> = {
    claim: async (chunk) => {
      log.claims.push(chunk);
      unrecorded += chunk.length;
      log.maxUnrecorded = Math.max(log.maxUnrecorded, unrecorded);
      return chunk.map((id) => ({ id }));
    },
    hold: async () => new Map(),
    send: async (row) => {
      log.sent.push(row.id);
      await tick();
      return accepted(row.id);
    },
    record: async (outcomes) => {
      log.records.push(outcomes.map((o) => o.row.id));
      await tick();
      unrecorded -= outcomes.length;
    },
    stopReason: async () => null,
    ...over,
  };
  return { steps, log };
}

describe('runSendPipeline', () => {
  it('sends every row once, records every outcome, and never has more than the window unrecorded', async () => {
    const { steps, log } = fakeSteps();
    const result = await runSendPipeline(ids(1000), steps, { window: 40, claimChunk: 10, statusCheckEvery: 100 });
    expect(result.counts.accepted).toBe(1000);
    expect(result.claimed).toBe(1000);
    expect(new Set(log.sent).size).toBe(1000);
    expect(log.sent).toHaveLength(1000);
    expect(log.records.flat().sort()).toEqual(ids(1000).sort());
    expect(log.maxUnrecorded).toBeLessThanOrEqual(40);
    // Outcomes were stored several at a time, not one statement per message.
    expect(log.records.length).toBeLessThan(500);
    expect(log.claims.every((c) => c.length <= 10)).toBe(true);
  });

  it('claims the next chunk while earlier messages are still in flight', async () => {
    const answers = new Map<string, (o: SendOutcome) => void>();
    const { steps, log } = fakeSteps({
      send: (row) => new Promise((resolve) => answers.set(row.id, resolve)),
    });
    const run = runSendPipeline(ids(30), steps, { window: 30, claimChunk: 10, statusCheckEvery: 100 });
    for (let i = 0; i < 10 && answers.size < 30; i++) await tick();
    // No answer has come yet, and all three chunks are out: the claims did not wait for the sends.
    expect(log.claims).toHaveLength(3);
    expect(answers.size).toBe(30);
    for (const [id, answer] of answers) answer(accepted(id));
    expect((await run).counts.accepted).toBe(30);
  });

  it('stops claiming on a retry-later answer and lets the rows in flight finish and be recorded', async () => {
    const { steps, log } = fakeSteps({
      send: async (row) => {
        await tick();
        return row.id === '5' ? { kind: 'retry-later', error: 'ESME_RTHROTTLED', throttled: true } : accepted(row.id);
      },
    });
    const result = await runSendPipeline(ids(100), steps, { window: 10, claimChunk: 5, statusCheckEvery: 100 });
    expect(result.retryLater).toEqual({ error: 'ESME_RTHROTTLED', throttled: true });
    expect(result.claimed).toBeLessThan(100);
    expect(result.counts['retry-later']).toBe(1);
    expect(log.records.flat()).toHaveLength(result.claimed);
    expect(result.unclaimed).toEqual(ids(100).slice(result.claimed));
  });

  it('gives up on a send that throws: its row is never recorded, the rest are', async () => {
    const { steps, log } = fakeSteps({
      send: async (row) => {
        await tick();
        if (row.id === '3') throw new Error('socket closed');
        return accepted(row.id);
      },
    });
    const result = await runSendPipeline(ids(50), steps, { window: 10, claimChunk: 5, statusCheckEvery: 100 });
    expect((result.fatal as Error).message).toBe('socket closed');
    expect(log.records.flat()).not.toContain('3');
    expect(log.records.flat()).toHaveLength(result.claimed - 1);
  });

  it('stops claiming when the status check says so and reports the rows never claimed', async () => {
    let checks = 0;
    const { steps } = fakeSteps({ stopReason: async () => (++checks === 2 ? 'paused' : null) });
    const result = await runSendPipeline(ids(100), steps, { window: 10, claimChunk: 10, statusCheckEvery: 20 });
    expect(result.stoppedBy).toBe('paused');
    expect(result.claimed).toBe(40);
    expect(result.unclaimed).toEqual(ids(100).slice(40));
  });

  it('records held rows without sending them', async () => {
    const { steps, log } = fakeSteps({
      hold: async (rows) =>
        new Map(
          rows
            .filter((r) => Number(r.id) % 2 === 0)
            .map((r) => [r.id, { kind: 'deferred', until: new Date(0), error: 'daily cap' } as SendOutcome]),
        ),
    });
    const result = await runSendPipeline(ids(20), steps, { window: 8, claimChunk: 4, statusCheckEvery: 100 });
    expect(result.counts).toMatchObject({ accepted: 10, deferred: 10 });
    expect(log.sent.every((id) => Number(id) % 2 === 1)).toBe(true);
  });

  it('reports a store that fails and still ends (the rows stay claimed, never sent again)', async () => {
    const gate = later<void>();
    const { steps } = fakeSteps({
      record: async () => {
        await gate.promise;
        throw new Error('database gone');
      },
    });
    const run = runSendPipeline(ids(30), steps, { window: 10, claimChunk: 5, statusCheckEvery: 100 });
    gate.resolve();
    const result = await run;
    expect((result.fatal as Error).message).toBe('database gone');
    expect(result.counts.accepted).toBe(0);
    expect(result.claimed).toBeLessThanOrEqual(10);
  });

  it('fills an empty window with its first claim when asked to, then claims chunks', async () => {
    const { steps, log } = fakeSteps();
    const result = await runSendPipeline(ids(200), steps, {
      window: 40,
      claimChunk: 10,
      firstClaim: 40,
      statusCheckEvery: 1000,
    });
    expect(result.counts.accepted).toBe(200);
    expect(log.claims[0]).toEqual(ids(200).slice(0, 40));
    expect(log.claims.slice(1).every((c) => c.length <= 10)).toBe(true);
    expect(log.maxUnrecorded).toBeLessThanOrEqual(40);
  });

  it('takes only what is free for its first claim on a window another batch is using, and at least a chunk', async () => {
    const shared = new SendWindow(40);
    await shared.take(25); // another batch's rows in flight
    const { steps, log } = fakeSteps();
    const run = runSendPipeline(ids(100), steps, {
      window: shared,
      claimChunk: 10,
      firstClaim: 40,
      statusCheckEvery: 1000,
    });
    await tick();
    expect(log.claims[0]).toHaveLength(15);
    shared.give(25);
    expect((await run).counts.accepted).toBe(100);

    await shared.take(35); // fewer free than a chunk: the first claim waits for a chunk, as any claim
    const busy = fakeSteps();
    const waiting = runSendPipeline(ids(50), busy.steps, {
      window: shared,
      claimChunk: 10,
      firstClaim: 40,
      statusCheckEvery: 1000,
    });
    await tick();
    expect(busy.log.claims).toHaveLength(0);
    shared.give(35);
    expect((await waiting).counts.accepted).toBe(50);
    expect(busy.log.claims[0]).toHaveLength(10);
    expect(shared.free).toBe(40);
  });

  it('goes row by row with a window of one', async () => {
    const { steps, log } = fakeSteps();
    const result = await runSendPipeline(ids(5), steps, { window: 1, claimChunk: 4, statusCheckEvery: 100 });
    expect(result.counts.accepted).toBe(5);
    expect(log.claims).toEqual(ids(5).map((id) => [id]));
    expect(log.maxUnrecorded).toBe(1);
  });

  it('shares one window between pipelines: together they never hold more, and both finish', async () => {
    const shared = new SendWindow(12);
    let unrecorded = 0;
    let max = 0;
    const sent: string[] = [];
    const steps = (prefix: string): SendPipelineSteps<Row, 'paused'> =>
      fakeSteps({
        claim: async (chunk) => {
          unrecorded += chunk.length;
          max = Math.max(max, unrecorded);
          await tick();
          return chunk.map((id) => ({ id: `${prefix}${id}` }));
        },
        send: async (row) => {
          sent.push(row.id);
          await tick();
          await tick();
          return accepted(row.id);
        },
        record: async (outcomes) => {
          await tick();
          unrecorded -= outcomes.length;
        },
      }).steps;
    const [a, b] = await Promise.all([
      runSendPipeline(ids(300), steps('a'), { window: shared, claimChunk: 3, statusCheckEvery: 1000 }),
      runSendPipeline(ids(200), steps('b'), { window: shared, claimChunk: 3, statusCheckEvery: 1000 }),
    ]);
    expect(a.counts.accepted).toBe(300);
    expect(b.counts.accepted).toBe(200);
    expect(new Set(sent).size).toBe(500);
    expect(max).toBeLessThanOrEqual(12);
    expect(max).toBeGreaterThan(6); // both had rows in flight at once, not one after the other's window
    expect(shared.free).toBe(12); // every slot given back
  });

  it('gives its slots back when it stops, so a pipeline sharing the window goes on', async () => {
    const shared = new SendWindow(6);
    let checks = 0;
    const stopping = fakeSteps({ stopReason: async () => (++checks >= 2 ? 'paused' : null) });
    const going = fakeSteps();
    const [stopped, done] = await Promise.all([
      runSendPipeline(ids(100), stopping.steps, { window: shared, claimChunk: 2, statusCheckEvery: 4 }),
      runSendPipeline(ids(100), going.steps, { window: shared, claimChunk: 2, statusCheckEvery: 1000 }),
    ]);
    expect(stopped.stoppedBy).toBe('paused');
    expect(stopped.claimed + stopped.unclaimed.length).toBe(100);
    expect(done.counts.accepted).toBe(100);
    expect(shared.free).toBe(6);
  });
});

describe('runSendPipeline with stores that carry the next claim', () => {
  /** Steps whose stores also claim (recordAndClaim), tracking rows claimed and not yet recorded across both. */
  function carryingSteps(over: Partial<SendPipelineSteps<Row, 'paused'>> = {}) {
    const { steps, log } = fakeSteps(over);
    const carried: string[][] = [];
    let unrecorded = 0; // rows claimed (either way) and not yet recorded
    steps.claim = async (chunk) => {
      log.claims.push(chunk);
      unrecorded += chunk.length;
      log.maxUnrecorded = Math.max(log.maxUnrecorded, unrecorded);
      return chunk.map((id) => ({ id }));
    };
    steps.record = async (outcomes) => {
      log.records.push(outcomes.map((o) => o.row.id));
      await tick();
      unrecorded -= outcomes.length;
    };
    steps.recordAndClaim = async (outcomes, chunk) => {
      log.records.push(outcomes.map((o) => o.row.id));
      carried.push(chunk);
      await tick();
      // One commit: the stored rows leave as the claimed ones enter.
      unrecorded += chunk.length - outcomes.length;
      log.maxUnrecorded = Math.max(log.maxUnrecorded, unrecorded);
      return chunk.map((id) => ({ id }));
    };
    return { steps, log, carried };
  }

  it('sends every row once, claims most rows in the stores’ statements, and keeps to the window', async () => {
    const { steps, log, carried } = carryingSteps();
    const result = await runSendPipeline(ids(1000), steps, { window: 40, claimChunk: 10, statusCheckEvery: 100 });
    expect(result.counts.accepted).toBe(1000);
    expect(result.claimed).toBe(1000);
    expect(log.sent).toHaveLength(1000);
    expect(new Set(log.sent).size).toBe(1000);
    expect(log.records.flat().sort()).toEqual(ids(1000).sort());
    expect([...log.claims.flat(), ...carried.flat()].sort()).toEqual(ids(1000).sort());
    expect(carried.flat().length).toBeGreaterThan(500);
    expect(log.maxUnrecorded).toBeLessThanOrEqual(40);
  });

  it('still asks about the campaign every statusCheckEvery rows, carried claims included, and stops there', async () => {
    let checks = 0;
    const { steps, log, carried } = carryingSteps({
      stopReason: async () => (++checks === 3 ? 'paused' : null),
    });
    const result = await runSendPipeline(ids(1000), steps, { window: 40, claimChunk: 10, statusCheckEvery: 100 });
    expect(result.stoppedBy).toBe('paused');
    // Three checks, one every 100 rows claimed whichever way: 300 rows claimed, the rest never.
    expect(result.claimed).toBe(300);
    expect([...log.claims.flat(), ...carried.flat()]).toHaveLength(300);
    expect(result.unclaimed).toEqual(ids(1000).slice(300));
    expect(log.sent).toHaveLength(300);
  });

  it('stores through record when the carrying statement fails, sends nothing it carried, and stops', async () => {
    const { steps, log, carried } = carryingSteps();
    let failures = 0;
    const carry = steps.recordAndClaim!;
    steps.recordAndClaim = async (outcomes, chunk) => {
      if (++failures === 2) {
        carried.push(chunk);
        throw new Error('connection lost');
      }
      return carry(outcomes, chunk);
    };
    const result = await runSendPipeline(ids(200), steps, { window: 20, claimChunk: 5, statusCheckEvery: 100 });
    expect((result.fatal as Error).message).toBe('connection lost');
    const lost = carried[1];
    expect(lost.length).toBeGreaterThan(0);
    expect(log.sent.filter((id) => lost.includes(id))).toEqual([]);
    // Every row sent has its outcome stored, the failed statement's ones too.
    expect(log.records.flat().sort()).toEqual([...log.sent].sort());
    expect(result.counts.accepted).toBe(log.sent.length);
    expect(result.unclaimed.some((id) => lost.includes(id))).toBe(false);
  });
});
