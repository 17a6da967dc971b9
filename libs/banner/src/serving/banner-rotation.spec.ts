import { RotationCandidate, SmoothWeightedRotation, showingNow } from './banner-rotation';

const c = (campaignId: string, weight = 1, extra: Partial<RotationCandidate> = {}): RotationCandidate => ({
  campaignId,
  weight,
  emergency: false,
  startsAtMs: 0,
  endsAtMs: 10_000,
  ...extra,
});

describe('banner rotation', () => {
  it('shares views by weight, spread evenly rather than in runs', () => {
    const rotation = new SmoothWeightedRotation();
    const showing = [c('a', 3), c('b', 1)];
    const picks = Array.from({ length: 40 }, () => rotation.next(showing)!.campaignId);
    expect(picks.filter((p) => p === 'a')).toHaveLength(30);
    // Never two views of b in a row, and never more than three of a.
    expect(picks.join('')).not.toMatch(/bb|aaaa/);
  });

  it('alternates campaigns of equal weight', () => {
    const rotation = new SmoothWeightedRotation();
    const showing = [c('a'), c('b'), c('c')];
    const picks = Array.from({ length: 9 }, () => rotation.next(showing)!.campaignId).join('');
    expect(picks).toBe('abcabcabc');
  });

  it('shows only what is inside its window, and only emergencies while one runs', () => {
    const all = [c('early', 1, { startsAtMs: 5_000 }), c('now'), c('over', 1, { endsAtMs: 1_000 })];
    expect(showingNow(all, 2_000).map((x) => x.campaignId)).toEqual(['now']);
    expect(showingNow(all, 6_000).map((x) => x.campaignId)).toEqual(['early', 'now']);
    const withEmergency = [
      ...all,
      c('storm', 1, { emergency: true }),
      c('storm-later', 1, { emergency: true, startsAtMs: 9_000 }),
    ];
    expect(showingNow(withEmergency, 6_000).map((x) => x.campaignId)).toEqual(['storm']);
    expect(showingNow(withEmergency, 20_000)).toEqual([]);
  });

  it('answers nothing when nothing shows, and forgets campaigns that stopped showing', () => {
    const rotation = new SmoothWeightedRotation();
    expect(rotation.next([])).toBeNull();
    for (let i = 0; i < 20; i++) rotation.next([c(`old-${i}`), c('kept')]);
    const picks = Array.from({ length: 4 }, () => rotation.next([c('kept'), c('new')])!.campaignId);
    expect(picks.sort()).toEqual(['kept', 'kept', 'new', 'new']);
  });
});
