import { FailureWindow, countedBeforeResume } from './failure-window';

describe('FailureWindow', () => {
  it('trips only once full and at or above the share of failures', () => {
    const w = new FailureWindow({ size: 10, percent: 20 });
    for (let i = 0; i < 9; i++) w.record(i < 5, 'ESME_RINVSRCADR');
    expect(w.tripped).toBe(false); // 5 of 9, but not full
    w.record(false);
    expect(w.tripped).toBe(true); // 5 of 10
    expect(w.summary).toEqual({ failures: 5, size: 10, samples: [{ error: 'ESME_RINVSRCADR', count: 5 }] });
  });

  it('slides: old failures leave the window as new successes come', () => {
    const w = new FailureWindow({ size: 10, percent: 20 });
    w.record(true, 'x');
    w.record(true, 'x');
    for (let i = 0; i < 8; i++) w.record(false);
    expect(w.tripped).toBe(true); // 2 of 10 = 20 %
    w.record(false); // the first failure slides out
    expect(w.tripped).toBe(false);
    expect(w.summary.failures).toBe(1);
  });

  it('stays quiet below the threshold, and is off with size 0', () => {
    const w = new FailureWindow({ size: 10, percent: 20 });
    for (let i = 0; i < 100; i++) w.record(i % 10 === 0, 'throttled');
    expect(w.tripped).toBe(false); // 10 %
    const off = new FailureWindow({ size: 0, percent: 20 });
    for (let i = 0; i < 100; i++) off.record(true, 'x');
    expect(off.tripped).toBe(false);
  });

  it('keeps a few different sample errors, counting repeats', () => {
    const w = new FailureWindow({ size: 100, percent: 20 });
    for (let i = 0; i < 20; i++) w.record(true, `error ${i % 7}`);
    const samples = w.summary.samples;
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({ error: 'error 0', count: 3 });
  });
});

describe('countedBeforeResume', () => {
  it('drops a window begun before a resume this process had not read yet, keeps one begun after it', () => {
    expect(countedBeforeResume(0, 1)).toBe(true); // resumed once since the window began
    expect(countedBeforeResume(1, 3)).toBe(true);
    expect(countedBeforeResume(2, 2)).toBe(false); // no resume since
    expect(countedBeforeResume(0, 0)).toBe(false); // never paused, never resumed
  });
});
