import type { EntityManager } from 'typeorm';
import type { Queryable } from '../update-returning';

/**
 * The transaction of an in-memory fake repository: `run` hands out a manager token, and when the work throws it
 * restores the state of every snapshot attached (`attach`), as a rollback would. A fake asks `assertIn` before a
 * write, so a service that forgets to join the transaction fails its spec.
 */
export class FakeTransactions {
  /** The managers of the transactions run so far, in order. */
  readonly managers: EntityManager[] = [];
  private open: EntityManager | null = null;
  private readonly snapshots: Array<() => () => void> = [];

  constructor(private readonly label: string) {}

  /** State a failed transaction restores: `snapshot()` takes it and returns the function that puts it back. */
  attach(snapshot: () => () => void): void {
    this.snapshots.push(snapshot);
  }

  /** Throws unless `q` is the manager of the transaction running now. */
  assertIn(q: Queryable | EntityManager | undefined, what: string): void {
    if (!this.open || q !== this.open) throw new Error(`fake: ${what} outside its transaction`);
  }

  async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.open) throw new Error('fake: nested transaction');
    const manager = { fake: `${this.label} transaction ${this.managers.length + 1}` } as unknown as EntityManager;
    const restore = this.snapshots.map((snapshot) => snapshot());
    this.managers.push(manager);
    this.open = manager;
    try {
      return await work(manager);
    } catch (err) {
      restore.forEach((r) => r());
      throw err;
    } finally {
      this.open = null;
    }
  }
}
