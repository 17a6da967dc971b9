/**
 * Commits one group: its items, in the order they were added. Answers nothing when every item shares the group's
 * fate, or one promise per item (in that order) when they settle one by one; then the group keeps its place among
 * the running commits until all of them have settled. A commit that throws fails every item of its group.
 */
export type CommitGroup<T> = (group: T[]) => Promise<void | Array<Promise<void>>>;

export interface GroupCommitOptions {
  /** Commits running at once (default 1). */
  maxConcurrent?: number;
  /** Items one commit takes at most (default: all that are waiting). */
  maxGroupSize?: number;
  /**
   * A commit waits until this many items are waiting, or the first of them has waited `ms` (default: it starts on
   * the next turn with whatever is there). Fewer, larger commits where items come one at a time.
   */
  gather?: { items: number; ms: number };
}

interface Pending<T> {
  item: T;
  /** When it was added (ms). */
  at: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit. Items added in one turn of the event loop are committed together, in one call, on the next turn;
 * at most `maxConcurrent` commits run at once, and a commit that ends goes straight on with whatever was added
 * while it ran. Groups are taken in the order their items were added. Each item's promise settles with its group's
 * commit (or with its own promise, when the commit answers one per item). Pure: no framework, no I/O of its own.
 */
export class GroupCommitter<T> {
  private readonly waiting: Array<Pending<T>> = [];
  private readonly maxConcurrent: number;
  private readonly maxGroupSize: number;
  private readonly gather: { items: number; ms: number } | null;
  private running = 0;
  private scheduled = false;
  private gathering: NodeJS.Timeout | null = null;

  constructor(
    private readonly commit: CommitGroup<T>,
    options: GroupCommitOptions = {},
  ) {
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 1);
    this.maxGroupSize = Math.max(1, options.maxGroupSize ?? Infinity);
    this.gather = options.gather && options.gather.items > 1 && options.gather.ms > 0 ? options.gather : null;
  }

  /** Settles once the commit that took the item has. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, at: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Starts commits on the next turn, unless one is due already or all run (a running one takes the item). */
  private schedule(): void {
    if (this.scheduled || this.running >= this.maxConcurrent) return;
    if (this.gather && this.waiting.length < this.gather.items) {
      // Too few to commit yet: wait for more, at most `ms` after the first of them came.
      if (!this.gathering) {
        const wait = Math.max(0, this.waiting[0].at + this.gather.ms - Date.now());
        this.gathering = setTimeout(() => {
          this.gathering = null;
          this.startCommits();
        }, wait);
      }
      return;
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startCommits();
    });
  }

  private startCommits(): void {
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    // Each commit takes its group at once (synchronously), so this ends.
    while (this.waiting.length && this.running < this.maxConcurrent) void this.run();
  }

  /** Commits what is waiting, then goes on while enough are (fewer wait to be gathered, as `add` does). */
  private async run(): Promise<void> {
    this.running++;
    try {
      do await this.commitGroup(this.waiting.splice(0, this.maxGroupSize));
      while (this.waiting.length && (!this.gather || this.waiting.length >= this.gather.items));
    } finally {
      this.running--;
    }
    if (this.waiting.length) this.schedule();
  }

  private async commitGroup(group: Array<Pending<T>>): Promise<void> {
    try {
      const each = await this.commit(group.map((p) => p.item));
      if (!each) return group.forEach((p) => p.resolve());
      if (each.length !== group.length)
        throw new Error(`a commit answered ${each.length} promises for ${group.length} items`);
      group.forEach((p, i) => each[i].then(p.resolve, p.reject));
      await Promise.allSettled(each);
    } catch (e) {
      for (const p of group) p.reject(e);
    }
  }
}
