import { isUuid } from './ids';

describe('isUuid', () => {
  it('accepts canonical UUIDs in either case and refuses anything else', () => {
    expect(isUuid('0f4988a0-b0da-42c7-b9b5-a6f5f2082348')).toBe(true);
    expect(isUuid('0F4988A0-B0DA-42C7-B9B5-A6F5F2082348')).toBe(true);
    for (const bad of [
      '',
      'not-a-uuid',
      '0f4988a0b0da42c7b9b5a6f5f2082348',
      '------------------------------------',
      "0f4988a0-b0da-42c7-b9b5-a6f5f2082348' OR 1=1",
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
