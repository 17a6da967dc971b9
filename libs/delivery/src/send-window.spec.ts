import { SendWindow } from './send-window';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('SendWindow', () => {
  it('grants slots at once while there is room, then makes later askers wait', async () => {
    const w = new SendWindow(10);
    expect(await w.take(4)).toBe(4);
    expect(await w.take(6)).toBe(6);
    expect(w.free).toBe(0);
    let granted = false;
    void w.take(3).then(() => (granted = true));
    await tick();
    expect(granted).toBe(false);
    w.give(2);
    await tick();
    expect(granted).toBe(false); // 2 free, 3 asked
    w.give(1);
    await tick();
    expect(granted).toBe(true);
    expect(w.free).toBe(0);
  });

  it('serves waiters first come first served: a small ask does not pass a larger one before it', async () => {
    const w = new SendWindow(4);
    await w.take(4);
    const order: string[] = [];
    void w.take(3).then(() => order.push('first (3)'));
    void w.take(1).then(() => order.push('second (1)'));
    w.give(1); // room for the second only: it still waits for the first
    await tick();
    expect(order).toEqual([]);
    w.give(3);
    await tick();
    expect(order).toEqual(['first (3)', 'second (1)']);
    expect(w.free).toBe(0);
  });

  it('never asks for more than its size, and refuses slots given back that were never taken', async () => {
    const w = new SendWindow(5);
    expect(await w.take(50)).toBe(5);
    w.give(5);
    expect(() => w.give(1)).toThrow('gave back 1 slots of a window with 0 taken');
    expect(new SendWindow(0).size).toBe(1);
  });
});
