import { CommitGroup, GroupCommitter } from './group-committer';

/** A deferred promise the test settles when it chooses. */
function later(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** How an item's promise settled, or 'pending'. */
function watch(p: Promise<void>): { state: string } {
  const s = { state: 'pending' };
  p.then(
    () => (s.state = 'ok'),
    (e: Error) => (s.state = e.message),
  );
  return s;
}

/** A commit that records its groups and ends only when the test says so (or at once when `gated` is false). */
function gatedCommit(gated = true) {
  const groups: number[][] = [];
  const gates: Array<ReturnType<typeof later>> = [];
  let running = 0;
  let maxRunning = 0;
  const commit: CommitGroup<number> = async (group) => {
    groups.push(group);
    running++;
    maxRunning = Math.max(maxRunning, running);
    const gate = later();
    gates.push(gate);
    if (!gated) gate.resolve();
    try {
      await gate.promise;
    } finally {
      running--;
    }
  };
  return { commit, groups, gates, maxRunning: () => maxRunning };
}

describe('GroupCommitter', () => {
  it('commits what was added in one turn together, on the next turn, and settles those items with it', async () => {
    const { commit, groups, gates } = gatedCommit();
    const committer = new GroupCommitter(commit);
    const added = [1, 2, 3].map((n) => watch(committer.add(n)));
    expect(groups).toEqual([]);
    await tick();
    expect(groups).toEqual([[1, 2, 3]]);
    expect(added.map((a) => a.state)).toEqual(['pending', 'pending', 'pending']);
    gates[0].resolve();
    await tick();
    expect(added.map((a) => a.state)).toEqual(['ok', 'ok', 'ok']);
  });

  it('groups by turn of the event loop, not by microtask', async () => {
    const { commit, groups } = gatedCommit(false);
    const committer = new GroupCommitter(commit);
    const all = [committer.add(1)];
    await Promise.resolve();
    all.push(committer.add(2));
    await Promise.resolve();
    all.push(committer.add(3));
    await Promise.all(all);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('takes what was added while a commit ran as soon as it ends, one commit at a time by default', async () => {
    const { commit, groups, gates, maxRunning } = gatedCommit();
    const committer = new GroupCommitter(commit);
    const all = [committer.add(1)];
    await tick();
    all.push(committer.add(2));
    await tick();
    all.push(committer.add(3));
    await tick();
    expect(groups).toEqual([[1]]);
    gates[0].resolve();
    await tick();
    expect(groups).toEqual([[1], [2, 3]]);
    gates[1].resolve();
    await Promise.all(all);
    expect(maxRunning()).toBe(1);
  });

  it('runs at most maxConcurrent commits at once, a new one for each turn while there is room', async () => {
    const { commit, groups, gates, maxRunning } = gatedCommit();
    const committer = new GroupCommitter(commit, { maxConcurrent: 2 });
    const all: Array<Promise<void>> = [];
    for (let n = 1; n <= 5; n++) {
      all.push(committer.add(n));
      await tick();
    }
    expect(groups).toEqual([[1], [2]]);
    gates[1].resolve();
    await tick();
    expect(groups).toEqual([[1], [2], [3, 4, 5]]);
    gates[0].resolve();
    gates[2].resolve();
    await Promise.all(all);
    expect(maxRunning()).toBe(2);
  });

  it('fails exactly the items of the group whose commit threw, and goes on with the next', async () => {
    const fail = new Set([2]);
    const committer = new GroupCommitter<number>(async (group) => {
      await tick();
      if (group.some((n) => fail.has(n))) throw new Error(`group of ${group.join('+')} failed`);
    });
    const first = [1].map((n) => watch(committer.add(n)));
    await tick();
    const second = [2, 3].map((n) => watch(committer.add(n)));
    await tick();
    const third = [4].map((n) => watch(committer.add(n)));
    for (let i = 0; i < 10; i++) await tick();
    expect([...first, ...second, ...third].map((a) => a.state)).toEqual([
      'ok',
      'group of 2+3 failed',
      'group of 2+3 failed',
      'ok',
    ]);
  });

  it('commits every item once, in the order they were added', async () => {
    const { commit, groups } = gatedCommit(false);
    const committer = new GroupCommitter(commit, { maxConcurrent: 3, maxGroupSize: 4 });
    const all: Array<Promise<void>> = [];
    for (let n = 1; n <= 50; n++) {
      all.push(committer.add(n));
      if (n % 7 === 0) await tick();
    }
    await Promise.all(all);
    expect(groups.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('cuts a backlog into groups of maxGroupSize, one after the other with one commit at a time', async () => {
    const { commit, groups, gates } = gatedCommit();
    const committer = new GroupCommitter(commit, { maxGroupSize: 3 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => committer.add(n));
    await tick();
    expect(groups).toEqual([[1, 2, 3]]);
    gates[0].resolve();
    await tick();
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    gates[1].resolve();
    await tick();
    gates[2].resolve();
    await Promise.all(all);
    expect(groups).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('starts as many commits of maxGroupSize as a backlog needs, up to maxConcurrent', async () => {
    const { commit, groups, gates } = gatedCommit();
    const committer = new GroupCommitter(commit, { maxConcurrent: 2, maxGroupSize: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => committer.add(n));
    await tick();
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    gates[0].resolve();
    await tick();
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
    gates[1].resolve();
    gates[2].resolve();
    await Promise.all(all);
  });

  it('settles items one by one when the commit answers a promise per item, holding its place until all have', async () => {
    const perItem = [later(), later(), later()];
    const groups: number[][] = [];
    const committer = new GroupCommitter<number>(async (group) => {
      groups.push(group);
      return group[0] === 0 ? group.map((n) => perItem[n].promise) : undefined;
    });
    const added = [0, 1, 2].map((n) => watch(committer.add(n)));
    await tick();
    const next = watch(committer.add(9));
    perItem[1].resolve();
    perItem[2].reject(new Error('not queued'));
    await tick();
    await tick();
    expect(added.map((a) => a.state)).toEqual(['pending', 'ok', 'not queued']);
    expect(groups).toEqual([[0, 1, 2]]); // item 0 still pending: no second commit yet
    perItem[0].resolve();
    await tick();
    await tick();
    expect(added[0].state).toBe('ok');
    expect(groups).toEqual([[0, 1, 2], [9]]);
    expect(next.state).toBe('ok');
  });

  describe('gathering', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('commits at once when enough items wait, else when the first has waited the gathering time', async () => {
      const { commit, groups } = gatedCommit(false);
      const committer = new GroupCommitter(commit, { gather: { items: 3, ms: 50 } });
      const first = [1, 2].map((n) => watch(committer.add(n)));
      await jest.advanceTimersByTimeAsync(49);
      expect(groups).toEqual([]); // two of three, before the time
      await jest.advanceTimersByTimeAsync(1);
      expect(groups).toEqual([[1, 2]]);
      expect(first.map((a) => a.state)).toEqual(['ok', 'ok']);
      [3, 4, 5].forEach((n) => void committer.add(n));
      await jest.advanceTimersByTimeAsync(0); // three waiting: no gathering time
      expect(groups).toEqual([
        [1, 2],
        [3, 4, 5],
      ]);
    });

    it('counts the gathering time from the first item, also for items added while a commit ran', async () => {
      const { commit, groups, gates } = gatedCommit();
      const committer = new GroupCommitter(commit, { gather: { items: 4, ms: 20 } });
      [1, 2, 3, 4].forEach((n) => void committer.add(n));
      await jest.advanceTimersByTimeAsync(0);
      expect(groups).toEqual([[1, 2, 3, 4]]);
      void committer.add(5); // while the commit runs
      await jest.advanceTimersByTimeAsync(15);
      gates[0].resolve();
      await jest.advanceTimersByTimeAsync(4);
      expect(groups).toHaveLength(1); // 5 has waited 19 ms
      await jest.advanceTimersByTimeAsync(1);
      expect(groups).toEqual([[1, 2, 3, 4], [5]]);
    });
  });
});
