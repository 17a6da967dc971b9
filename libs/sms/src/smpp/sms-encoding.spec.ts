import { chooseSmsEncoding, countGsm7Septets, dataCodingFor, isGsm7Text } from './sms-encoding';

describe('chooseSmsEncoding', () => {
  it('uses GSM 03.38 for plain Latin text, counting extension characters twice', () => {
    expect(countGsm7Septets('Hello @ £ 10€ {x}')).toBe(20);
    expect(chooseSmsEncoding('Hello')).toEqual({ dataCoding: 0, length: 5, fitsSingleSegment: true });
  });

  it('uses UCS-2 for Vietnamese text', () => {
    expect(countGsm7Septets('Thông báo')).toBeNull();
    expect(chooseSmsEncoding('Thông báo')).toEqual({ dataCoding: 8, length: 9, fitsSingleSegment: true });
  });

  it('detects texts longer than one segment', () => {
    expect(chooseSmsEncoding('a'.repeat(160)).fitsSingleSegment).toBe(true);
    expect(chooseSmsEncoding('a'.repeat(161)).fitsSingleSegment).toBe(false);
    expect(chooseSmsEncoding('{'.repeat(81)).fitsSingleSegment).toBe(false);
    expect(chooseSmsEncoding('ư'.repeat(70)).fitsSingleSegment).toBe(true);
    expect(chooseSmsEncoding('ư'.repeat(71)).fitsSingleSegment).toBe(false);
  });
});

describe('chooseSmsEncoding on decomposed text', () => {
  it('measures the NFC form, which is what goes on the wire', () => {
    const nfd = 'Thông báo'.normalize('NFD');
    expect(nfd.length).toBe(11);
    expect(chooseSmsEncoding(nfd)).toEqual({ dataCoding: 8, length: 9, fitsSingleSegment: true });
    // "Café" decomposed is not GSM-7 as is, but its NFC form is.
    expect(chooseSmsEncoding('Cafe\u0301')).toEqual({ dataCoding: 0, length: 4, fitsSingleSegment: true });
  });

  it('agrees with isGsm7Text and dataCodingFor', () => {
    expect(isGsm7Text('a{b}')).toBe(true);
    expect(isGsm7Text('ạ')).toBe(false);
    expect(dataCodingFor('GSM-7')).toBe(0);
    expect(dataCodingFor('UCS-2')).toBe(8);
  });
});
