/**
 * Fixed-window hit counters held in this process: the rate limiter's fallback while Redis does not answer, so
 * limits (login floods above all) still hold per API process instead of not at all. Pure; time is passed in.
 */
export class LocalWindowCounter {
  private readonly windows = new Map<string, { hits: number; expiresAtMs: number }>();

  constructor(private readonly maxKeys = 50_000) {}

  /** Counts one hit on `key` in a window of `ttlMs`; returns the hits so far and the ms until the window ends. */
  increment(key: string, ttlMs: number, nowMs: number): { hits: number; msToExpire: number } {
    let window = this.windows.get(key);
    if (!window || window.expiresAtMs <= nowMs) {
      if (!window && this.windows.size >= this.maxKeys) this.prune(nowMs);
      window = { hits: 0, expiresAtMs: nowMs + ttlMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return { hits: window.hits, msToExpire: window.expiresAtMs - nowMs };
  }

  get size(): number {
    return this.windows.size;
  }

  /** Drops ended windows; if every window is still open, the oldest half (memory stays bounded under a flood). */
  private prune(nowMs: number): void {
    for (const [key, w] of this.windows) if (w.expiresAtMs <= nowMs) this.windows.delete(key);
    if (this.windows.size < this.maxKeys) return;
    let drop = Math.ceil(this.windows.size / 2);
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}
