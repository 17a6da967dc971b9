import { campaignWindowStop } from './campaign-window';

describe('campaignWindowStop', () => {
  const window = { startsAt: new Date('2026-12-03T02:00:00Z'), endsAt: new Date('2026-12-03T10:00:00Z') };

  it('holds work until the start', () => {
    expect(campaignWindowStop(new Date('2026-12-03T01:59:59Z'), window)).toEqual({
      kind: 'before',
      until: window.startsAt,
    });
  });

  it('lets work go from the start until just before the end', () => {
    expect(campaignWindowStop(window.startsAt, window)).toBeNull();
    expect(campaignWindowStop(new Date('2026-12-03T09:59:59Z'), window)).toBeNull();
  });

  it('sends nothing from the end on', () => {
    expect(campaignWindowStop(window.endsAt, window)).toEqual({ kind: 'after' });
  });
});
