/**
 * Slots for rows claimed and not yet recorded, shared by every batch that sends through one transport in a process
 * (the e-mail worker runs two batch jobs at once): however many batches run, the process never has more than `size`
 * rows in flight — the most a killed worker can leave `unknown` — and a batch that starts or ends does not leave the
 * transport idle while the other one sends. Slots are granted in the order they were asked for. Pure: no framework,
 * no I/O.
 */
export class SendWindow {
  readonly size: number;
  private used = 0;
  private readonly waiting: Array<{ n: number; grant: () => void }> = [];

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
  }

  /** Slots not taken now. */
  get free(): number {
    return this.size - this.used;
  }

  /** Takes `n` slots (at most the window's size) as soon as they are free and nobody asked before. */
  take(n: number): Promise<number> {
    const wanted = Math.max(1, Math.min(Math.floor(n), this.size));
    if (!this.waiting.length && this.free >= wanted) {
      this.used += wanted;
      return Promise.resolve(wanted);
    }
    return new Promise((resolve) => this.waiting.push({ n: wanted, grant: () => resolve(wanted) }));
  }

  /** Gives back `n` slots and grants them to those waiting, first come first served. */
  give(n: number): void {
    if (n <= 0) return;
    if (n > this.used) throw new Error(`gave back ${n} slots of a window with ${this.used} taken`);
    this.used -= n;
    while (this.waiting.length && this.free >= this.waiting[0].n) {
      const next = this.waiting.shift()!;
      this.used += next.n;
      next.grant();
    }
  }
}
