import { newSecret, secretPrefix, sha256 } from './secrets';

describe('secrets', () => {
  it('shows only the kind and six random characters, even when the random part contains "_"', () => {
    expect(secretPrefix('loa_station_EHETLYY7n25wfgbtsK1YwBLmFLCEc_0s')).toBe('loa_station_EHETLY');
    for (let i = 0; i < 200; i++) {
      const key = newSecret('carrier');
      expect(secretPrefix(key)).toHaveLength('loa_carrier_'.length + 6);
      expect(key.startsWith(secretPrefix(key))).toBe(true);
    }
  });

  it('hashes deterministically and differently per secret', () => {
    expect(sha256('a')).toBe(sha256('a'));
    expect(sha256('a')).not.toBe(sha256('b'));
  });
});
