/** The most events within any one window of `windowMs` (sliding over their times in ms). */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** The most events within any one second (a sliding window over their times in ms): what a rate limit must hold. */
export function busiestSecond(times: number[]): number {
  return busiestWindow(times, 1000);
}
