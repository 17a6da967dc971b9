import { analyzeText } from '../text';
import { CONCAT_UDH_LENGTH, concatUdh, encodeUserText, splitConcatenated } from './udh';

function decodeUcs2(bytes: Buffer): string {
  return Buffer.from(bytes).swap16().toString('utf16le');
}

function hex(bytes: Buffer): string {
  return bytes.toString('hex');
}

describe('concatUdh', () => {
  it('writes UDHL 5, IEI 0x00, IEDL 3, reference, total, sequence', () => {
    expect(hex(concatUdh({ reference: 0xa7, total: 3, sequence: 2 }))).toBe('050003a70302');
    expect(concatUdh({ reference: 0, total: 255, sequence: 255 })).toHaveLength(CONCAT_UDH_LENGTH);
  });

  it.each([
    [{ reference: 256, total: 2, sequence: 1 }],
    [{ reference: -1, total: 2, sequence: 1 }],
    [{ reference: 1.5, total: 2, sequence: 1 }],
    [{ reference: 1, total: 0, sequence: 1 }],
    [{ reference: 1, total: 256, sequence: 1 }],
    [{ reference: 1, total: 2, sequence: 0 }],
    [{ reference: 1, total: 2, sequence: 3 }],
  ])('refuses %p', (header) => {
    expect(() => concatUdh(header)).toThrow(RangeError);
  });
});

describe('encodeUserText', () => {
  it('encodes GSM-7 unpacked, one septet per octet, with ESC for extension characters', () => {
    expect(hex(encodeUserText('A@€', 'GSM-7'))).toBe('41001b65');
  });

  it('encodes UCS-2 big-endian, a character outside the BMP as its surrogate pair', () => {
    expect(hex(encodeUserText('Aệ😀', 'UCS-2'))).toBe('00411ec7d83dde00');
  });
});

describe('splitConcatenated', () => {
  it('keeps a 160-septet GSM-7 text in one part', () => {
    const message = splitConcatenated('a'.repeat(160), 9);
    expect(message).toMatchObject({ encoding: 'GSM-7', dataCoding: 0 });
    expect(message.parts).toHaveLength(1);
    expect(message.parts[0]).toMatchObject({ reference: 9, total: 1, sequence: 1 });
  });

  it('cuts a 161-septet GSM-7 text into 153 + 8 septets behind a 6-octet UDH', () => {
    const message = splitConcatenated('a'.repeat(161), 0x42);
    expect(message).toMatchObject({ encoding: 'GSM-7', dataCoding: 0 });
    expect(message.parts.map((p) => p.text.length)).toEqual([153, 8]);
    expect(message.parts.map((p) => hex(p.udh))).toEqual(['050003420201', '050003420202']);
    expect(message.parts.map((p) => p.shortMessage.length)).toEqual([6 + 153, 6 + 8]);
    expect(message.parts[0].shortMessage.subarray(6).every((octet) => octet === 0x61)).toBe(true);
  });

  it('cuts a 71-unit UCS-2 text into 67 + 4 units, UTF-16BE behind the UDH', () => {
    const text = 'ệ'.repeat(71);
    const message = splitConcatenated(text, 1);
    expect(message).toMatchObject({ encoding: 'UCS-2', dataCoding: 8 });
    expect(message.parts.map((p) => p.text.length)).toEqual([67, 4]);
    expect(message.parts.map((p) => p.shortMessage.length)).toEqual([6 + 134, 6 + 8]);
    expect(hex(message.parts[1].shortMessage)).toBe('050003010202' + '1ec7'.repeat(4));
    expect(message.parts.map((p) => decodeUcs2(p.shortMessage.subarray(6))).join('')).toBe(text);
  });

  it('never leaves an ESC at the end of a GSM-7 part', () => {
    // 'aa' + 80 € = 162 septets; a 76th € would need septets 153 and 154 of the first part.
    const message = splitConcatenated('aa' + '€'.repeat(80), 7);
    expect(message.parts.map((p) => p.text)).toEqual(['aa' + '€'.repeat(75), '€'.repeat(5)]);
    const first = message.parts[0].shortMessage;
    expect(first).toHaveLength(6 + 152);
    expect(first[first.length - 2]).toBe(0x1b);
    expect(first[first.length - 1]).toBe(0x65);
    expect(hex(message.parts[1].shortMessage.subarray(6))).toBe('1b65'.repeat(5));
  });

  it('never splits a surrogate pair between UCS-2 parts', () => {
    const message = splitConcatenated('ạ' + '😀'.repeat(35), 3);
    const first = message.parts[0].shortMessage.subarray(6);
    expect(first).toHaveLength(134);
    // The part ends with a whole pair: high surrogate D83D then low surrogate DE00.
    expect(hex(first.subarray(-4))).toBe('d83dde00');
    expect(hex(message.parts[1].shortMessage.subarray(6, 8))).toBe('d83d');
    expect(message.parts.map((p) => p.text).join('')).toBe('ạ' + '😀'.repeat(35));
  });

  it('numbers the parts of a long Vietnamese text in order and matches analyzeText', () => {
    const text = 'Cảnh báo bão số 3: người dân vùng ven biển sơ tán ngay. '.repeat(5).trim();
    const message = splitConcatenated(text.normalize('NFD'), 200);
    expect(message.text).toBe(text);
    expect(message.parts).toHaveLength(analyzeText(text).segments);
    message.parts.forEach((part, index) => {
      expect(part).toMatchObject({ reference: 200, total: message.parts.length, sequence: index + 1 });
      expect(part.text).toBe(part.text.normalize('NFC'));
    });
    expect(message.parts.map((p) => decodeUcs2(p.shortMessage.subarray(6))).join('')).toBe(text);
  });

  it('refuses a text needing more than 255 parts and a reference outside one octet', () => {
    expect(splitConcatenated('x'.repeat(153 * 255), 0).parts).toHaveLength(255);
    expect(() => splitConcatenated('x'.repeat(153 * 255 + 1), 0)).toThrow(RangeError);
    expect(() => splitConcatenated('x', 256)).toThrow(RangeError);
  });
});
