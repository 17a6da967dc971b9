import { sendInBatchesAtOnce } from './batches-at-once';

describe('sendInBatchesAtOnce', () => {
  it('sends every id once, in batches, so many at a time, and adds up what each accepted', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => String(i));
    const seen: string[] = [];
    let running = 0;
    let most = 0;
    const accepted = await sendInBatchesAtOnce(ids, 5, 2, async (batch, n) => {
      expect(batch).toEqual(ids.slice(n * 5, n * 5 + 5));
      running++;
      most = Math.max(most, running);
      // The batches finish out of order, as real ones do.
      await new Promise((r) => setTimeout(r, n % 2 ? 1 : 5));
      running--;
      seen.push(...batch);
      return batch.length;
    });
    expect(accepted).toBe(23);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(most).toBe(2);
  });
});
