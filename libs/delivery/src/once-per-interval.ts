/**
 * Whether something done for a key is due again: at most once per `intervalMs` per key — a worker that runs a batch
 * every few milliseconds writes a campaign's "still being worked on" a few times a minute, not per batch; the
 * reconciler searches for stranded rows a few times per stale period, not at every tick. Remembers at
 * most `maxKeys` keys (the oldest go first). Pure: no framework, no I/O; the caller gives the time.
 */
export class OncePerInterval {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** True when `key` was not due in the last `intervalMs` (the caller acts now); remembers `nowMs`. */
  due(key: string, nowMs: number): boolean {
    const at = this.last.get(key);
    if (at !== undefined && nowMs - at < this.intervalMs) return false;
    this.last.delete(key); // re-inserted last: the map stays in order of use
    this.last.set(key, nowMs);
    if (this.last.size > this.maxKeys) this.last.delete(this.last.keys().next().value!);
    return true;
  }

  /** Forgets `key`, so that it is due again at once (what was done for it failed). */
  forget(key: string): void {
    this.last.delete(key);
  }
}
