import { carrierRules, DEFAULT_CARRIER_MAX_SEGMENTS, renderUnderCarrierRules } from './carrier-rules';

describe('carrier rules from a carrier row', () => {
  it('reads the cap on parts and the template id from the connection, with a default cap', () => {
    expect(carrierRules({ senderName: 'SoTTTT-ST', connection: {} }, true)).toEqual({
      stripDiacritics: true,
      maxSegments: DEFAULT_CARRIER_MAX_SEGMENTS,
      senderName: 'SoTTTT-ST',
    });
    expect(carrierRules({ senderName: 'S', connection: { maxSegments: 3, templateId: 'TPL-1' } }, false)).toMatchObject(
      { maxSegments: 3, templateId: 'TPL-1' },
    );
    expect(carrierRules({ senderName: 'S', connection: { maxSegments: 'many' } }, false).maxSegments).toBe(
      DEFAULT_CARRIER_MAX_SEGMENTS,
    );
  });

  it('names the carrier in every rule a message breaks', () => {
    const long = 'Ủng hộ đồng bào vùng lũ. '.repeat(10);
    const r = renderUnderCarrierRules(
      long,
      { code: 'viettel', senderName: 'Sở TTTT', connection: { maxSegments: 2 } },
      false,
    );
    expect(r.errors).toEqual([
      expect.stringMatching(/^viettel: sender name "Sở TTTT" may only contain/),
      expect.stringMatching(/^viettel: message needs \d+ UCS-2 segments, the policy allows at most 2$/),
    ]);
    const ok = renderUnderCarrierRules(long, { code: 'viettel', senderName: 'SoTTTT-ST', connection: {} }, true);
    expect(ok.errors).toEqual([]);
    expect(ok.encoding).toBe('GSM-7');
  });
});
