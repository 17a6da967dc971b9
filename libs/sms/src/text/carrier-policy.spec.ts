import { renderForCarrierPolicy, senderNameError } from './carrier-policy';

const NOTICE = 'Đề nghị người dân thực hiện nghiêm thông điệp 5K và tiêm vắc xin phòng Covid-19 khi đến lượt.';
const BASE = { stripDiacritics: false, maxSegments: 3, senderName: 'SoTTTT' };

describe('renderForCarrierPolicy', () => {
  it('measures the text as is when diacritics are kept', () => {
    const result = renderForCarrierPolicy(`  ${NOTICE}\n`, BASE);
    expect(result).toEqual({
      text: NOTICE,
      encoding: 'UCS-2',
      length: NOTICE.length,
      segments: 2,
      diacriticsStripped: false,
      segmentsIfDiacriticsKept: 2,
      encodingIfDiacriticsKept: 'UCS-2',
      senderName: 'SoTTTT',
      templateId: null,
      errors: [],
    });
  });

  it('strips diacritics and shows what keeping them would cost', () => {
    const result = renderForCarrierPolicy(NOTICE, { ...BASE, stripDiacritics: true });
    expect(result).toMatchObject({
      text: 'De nghi nguoi dan thuc hien nghiem thong diep 5K va tiem vac xin phong Covid-19 khi den luot.',
      encoding: 'GSM-7',
      segments: 1,
      diacriticsStripped: true,
      segmentsIfDiacriticsKept: 2,
      encodingIfDiacriticsKept: 'UCS-2',
      errors: [],
    });
  });

  it('labels an advertising message and appends the opt-out text, counting [ ] as two septets each', () => {
    const result = renderForCarrierPolicy('Khuyen mai 50% cuoc goi', {
      ...BASE,
      advertising: true,
      optOutText: 'Tu choi QC soan TC gui 789',
    });
    expect(result.text).toBe('[QC] Khuyen mai 50% cuoc goi Tu choi QC soan TC gui 789');
    expect(result).toMatchObject({ encoding: 'GSM-7', length: result.text.length + 2, errors: [] });
  });

  it('does not label a text that already starts with the label, and strips the additions too', () => {
    const result = renderForCarrierPolicy('[qc] Ưu đãi', {
      ...BASE,
      stripDiacritics: true,
      advertising: true,
      advertisingLabel: '[QC]',
      optOutText: 'Từ chối: soạn TC gửi 789',
    });
    expect(result.text).toBe('[qc] Uu dai Tu choi: soan TC gui 789');
    expect(result.encoding).toBe('GSM-7');
  });

  it('requires opt-out instructions for advertising', () => {
    expect(renderForCarrierPolicy('Khuyen mai', { ...BASE, advertising: true }).errors).toEqual([
      'an advertising message must say how to opt out (optOutText), e.g. "Tu choi QC soan TC gui 789"',
    ]);
    expect(renderForCarrierPolicy('Thong bao', { ...BASE, advertising: false }).errors).toEqual([]);
  });

  it('appends opt-out text to a non-advertising message too, without a label', () => {
    expect(renderForCarrierPolicy('Thong bao', { ...BASE, optOutText: 'Soan TC gui 789' }).text).toBe(
      'Thong bao Soan TC gui 789',
    );
  });

  it('reports a message over maxSegments, and the additions count', () => {
    const text = 'a'.repeat(300);
    expect(renderForCarrierPolicy(text, { ...BASE, maxSegments: 2 }).errors).toEqual([]);
    const withOptOut = renderForCarrierPolicy(text, { ...BASE, maxSegments: 2, optOutText: 'Soan TC gui 789' });
    expect(withOptOut.segments).toBe(3);
    expect(withOptOut.errors).toEqual(['message needs 3 GSM-7 segments, the policy allows at most 2']);
  });

  it('reports every problem at once', () => {
    const result = renderForCarrierPolicy('   ', {
      ...BASE,
      senderName: 'Sở TTTT Sóc Trăng',
      advertising: true,
      templateId: ' ',
    });
    expect(result.errors).toHaveLength(4);
    expect(result.errors.join('\n')).toMatch(/message text is empty/);
    expect(result.errors.join('\n')).toMatch(/opt out/);
    expect(result.errors.join('\n')).toMatch(/sender name "Sở TTTT Sóc Trăng" has 17 characters/);
    expect(result.errors.join('\n')).toMatch(/templateId is empty/);
  });

  it('passes the template id through', () => {
    expect(renderForCarrierPolicy('x', { ...BASE, templateId: ' TPL-0042 ' }).templateId).toBe('TPL-0042');
  });

  it('throws for a malformed maxSegments, a configuration mistake', () => {
    expect(() => renderForCarrierPolicy('x', { ...BASE, maxSegments: 0 })).toThrow(RangeError);
  });
});

describe('senderNameError', () => {
  it.each(['SoTTTT', 'SoTTTT-ST', 'UBND.TPHCM', 'Viettel', 'A1', 'X'.repeat(11), 'So TTTT'])('accepts %p', (name) => {
    expect(senderNameError(name)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['X'.repeat(12), /12 characters, at most 11/],
    ['SởTTTT', /only contain letters/],
    ['So@TTTT', /only contain letters/],
    ['-SoTTTT', /only contain letters/],
    ['So--TTTT', /only contain letters/],
    ['So TTTT ', /only contain letters/],
    ['0912345678', /no letter/],
  ])('refuses %p', (name, message) => {
    expect(senderNameError(name)).toMatch(message);
  });
});
