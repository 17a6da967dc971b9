/**
 * Lets tests await "at least n items recorded" on a peer's growing array.
 * The peer calls notify() after every push.
 */
export class CountWaiter {
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly count: () => number,
    private readonly what: string,
  ) {}

  notify(): void {
    for (const check of [...this.waiters]) check();
  }

  waitFor(n: number, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (this.count() < n) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${n} ${this.what} (have ${this.count()})`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
