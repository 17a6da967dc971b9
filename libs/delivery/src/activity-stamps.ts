/**
 * Whether a key's activity is worth writing down again: at most once per `intervalMs` per key, so a worker that
 * runs a batch every few milliseconds writes a campaign's "still being worked on" a few times a minute, not per
 * batch. Remembers at most `maxKeys` keys (the oldest go first). Pure: no framework, no I/O; the caller gives the
 * time.
 */
export class ActivityStamps {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** True when `key` was not stamped in the last `intervalMs` (the caller writes it now); remembers `nowMs`. */
  due(key: string, nowMs: number): boolean {
    const at = this.last.get(key);
    if (at !== undefined && nowMs - at < this.intervalMs) return false;
    this.last.delete(key); // re-inserted last: the map stays in order of stamping
    this.last.set(key, nowMs);
    if (this.last.size > this.maxKeys) this.last.delete(this.last.keys().next().value!);
    return true;
  }

  /** Forgets `key`, so that its next activity is written at once (a stamp that could not be written). */
  forget(key: string): void {
    this.last.delete(key);
  }
}
