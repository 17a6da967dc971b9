import { ProviderWindows } from './provider-windows';

describe('ProviderWindows', () => {
  it('gives the batches of one provider one window, and each provider its own', async () => {
    const windows = new ProviderWindows();
    const primary = {};
    const secondary = {};
    const a = windows.of(primary, 100);
    expect(windows.of(primary, 100)).toBe(a);
    expect(windows.of(secondary, 100)).not.toBe(a);
    // Two batches of the primary take from the same slots: together never more than its size.
    expect(await a.take(100)).toBe(100);
    expect(windows.of(primary, 100).free).toBe(0);
    expect(windows.of(secondary, 100).free).toBe(100);
  });

  it('makes a new window when the carrier row sets another size', () => {
    const windows = new ProviderWindows();
    const provider = {};
    const before = windows.of(provider, 100);
    const after = windows.of(provider, 10);
    expect(after).not.toBe(before);
    expect(after.size).toBe(10);
    expect(windows.of(provider, 10)).toBe(after);
  });
});
