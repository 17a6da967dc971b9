import {
  normalizeReceiptStat,
  parseReceiptText,
  receiptOutcomeFromStat,
  receiptStatFromMessageState,
} from './parse-receipt';

describe('parseReceiptText', () => {
  it('parses the standard SMPP 3.4 Appendix B receipt', () => {
    const raw =
      'id:0a1b2c3d sub:001 dlvrd:001 submit date:2405061230 done date:2405061231 stat:DELIVRD err:000 text:Hello world';
    expect(parseReceiptText(raw)).toEqual({
      messageId: '0a1b2c3d',
      stat: 'DELIVRD',
      err: '000',
      submitDate: '2405061230',
      doneDate: '2405061231',
      raw,
    });
  });

  it('accepts any field order, lower/upper case and extra spaces', () => {
    const receipt = parseReceiptText('STAT: undeliv  ERR:005 Done Date:2405061231 ID: 77 Submit_Date:2405061230 text:');
    expect(receipt).toMatchObject({
      messageId: '77',
      stat: 'UNDELIV',
      err: '005',
      submitDate: '2405061230',
      doneDate: '2405061231',
    });
  });

  it('does not read fields from the free text after text:', () => {
    const receipt = parseReceiptText('id:abc stat:EXPIRED err:001 text:id:zzz stat:DELIVRD');
    expect(receipt).toMatchObject({ messageId: 'abc', stat: 'EXPIRED' });
  });

  it('maps long stat spellings and unknown stats', () => {
    expect(parseReceiptText('id:1 stat:DELIVERED')?.stat).toBe('DELIVRD');
    expect(parseReceiptText('id:1 stat:REJECTED')?.stat).toBe('REJECTD');
    expect(parseReceiptText('id:1 stat:WHATEVER')?.stat).toBe('UNKNOWN');
    expect(parseReceiptText('id:1 sub:001')).toMatchObject({ stat: 'UNKNOWN', err: null, submitDate: null });
  });

  it('recognises every standard stat', () => {
    for (const stat of ['DELIVRD', 'UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED', 'ACCEPTD', 'UNKNOWN', 'ENROUTE']) {
      expect(parseReceiptText(`id:9 stat:${stat}`)?.stat).toBe(stat);
    }
  });

  it('returns null when there is no message id', () => {
    expect(parseReceiptText('')).toBeNull();
    expect(parseReceiptText('Hello, this is a normal SMS')).toBeNull();
    expect(parseReceiptText('stat:DELIVRD err:000')).toBeNull();
    expect(parseReceiptText('valid:yes stat:DELIVRD')).toBeNull();
  });
});

describe('receipt stat helpers', () => {
  it('maps message_state TLV values', () => {
    expect(receiptStatFromMessageState(2)).toBe('DELIVRD');
    expect(receiptStatFromMessageState(5)).toBe('UNDELIV');
    expect(receiptStatFromMessageState(8)).toBe('REJECTD');
    expect(receiptStatFromMessageState(42)).toBeNull();
  });

  it('normalises case', () => {
    expect(normalizeReceiptStat(' acceptd ')).toBe('ACCEPTD');
  });

  it('ends a message only on a final stat', () => {
    expect(receiptOutcomeFromStat('DELIVRD')).toBe('delivered');
    for (const stat of ['UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED'] as const) {
      expect(receiptOutcomeFromStat(stat)).toBe('failed');
    }
    for (const stat of ['ENROUTE', 'ACCEPTD', 'UNKNOWN'] as const) expect(receiptOutcomeFromStat(stat)).toBeNull();
  });
});
