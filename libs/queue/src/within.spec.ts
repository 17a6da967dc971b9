import { within } from './within';

describe('within', () => {
  it('says done when the work finishes in time, timeout when it does not', async () => {
    expect(await within(Promise.resolve(1), 1_000)).toBe('done');
    expect(await within(new Promise(() => undefined), 10)).toBe('timeout');
  });

  it('throws a failure that comes in time, and swallows one that comes after the timeout', async () => {
    await expect(within(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 20));
    expect(await within(late, 5)).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 30)); // an unhandled rejection would fail the test run
  });
});
