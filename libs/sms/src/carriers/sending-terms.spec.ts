import { carrierSendingTerms } from './sending-terms';

describe('carrierSendingTerms', () => {
  it('applies the send path’s defaults to a row that states nothing', () => {
    expect(carrierSendingTerms({ senderName: 'SoKHCN-CT', connection: {} })).toEqual({
      senderName: 'SoKHCN-CT',
      tps: null,
      maxBinds: null,
      window: 100,
      dailyQuota: null,
      maxSegments: 8,
    });
  });

  it('reads what a contract states, and ignores what is not a valid value', () => {
    expect(
      carrierSendingTerms({
        senderName: 'SoKHCN-CT',
        connection: { tps: 80, maxBinds: '2', window: 300, dailyQuota: 50000, maxSegments: 4, password: 'x' },
      }),
    ).toEqual({ senderName: 'SoKHCN-CT', tps: 80, maxBinds: 2, window: 300, dailyQuota: 50000, maxSegments: 4 });
    expect(
      carrierSendingTerms({
        senderName: 'S',
        connection: { tps: -1, window: 0, dailyQuota: 'many', maxSegments: 999 },
      }),
    ).toMatchObject({ tps: null, window: 100, dailyQuota: null, maxSegments: 8 });
  });
});
