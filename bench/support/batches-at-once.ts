/**
 * Sends `ids` in batches of `batchSize` as a channel's worker takes its jobs: `atOnce` batches at a time, the next
 * batch going to whichever finishes first. `send` answers how many of its batch were accepted (and throws on
 * anything else); the answer is the sum.
 */
export async function sendInBatchesAtOnce(
  ids: string[],
  batchSize: number,
  atOnce: number,
  send: (deliveryIds: string[], batchIndex: number) => Promise<number>,
): Promise<number> {
  let accepted = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const start = next;
      next += batchSize;
      // Awaited first: `accepted += await …` would read the sum before the other lane added to it.
      const n = await send(ids.slice(start, start + batchSize), start / batchSize);
      accepted += n;
    }
  };
  await Promise.all(Array.from({ length: atOnce }, lane));
  return accepted;
}
