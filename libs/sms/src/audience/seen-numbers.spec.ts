import { SeenNumbers } from './seen-numbers';

describe('SeenNumbers', () => {
  it('tells a first sighting from a repeat', () => {
    const seen = new SeenNumbers();
    expect(seen.add('84961234567')).toBe(true);
    expect(seen.add('84961234567')).toBe(false);
    expect(seen.add('84961234568')).toBe(true);
    expect(seen.size).toBe(2);
  });

  it('keeps numbers that differ only past the national number apart, and text that is not a routed number', () => {
    const seen = new SeenNumbers();
    expect(seen.add('84012345678')).toBe(true);
    // Same digits without the leading zero of the national number: a different number.
    expect(seen.add('8412345678')).toBe(true);
    expect(seen.add('8412345678')).toBe(false);
    expect(seen.add('84999999999')).toBe(true);
    expect(seen.add('849999999990')).toBe(true);
    expect(seen.size).toBe(4);
  });

  it('tells repeats from first sightings in every shard', () => {
    const seen = new SeenNumbers();
    // Every shard gets a share: 16 consecutive national numbers land in 16 different shards.
    for (let i = 0; i < 32; i++) expect(seen.add(`8496${String(1_000_000 + i).padStart(7, '0')}`)).toBe(true);
    for (let i = 0; i < 32; i++) expect(seen.add(`8496${String(1_000_000 + i).padStart(7, '0')}`)).toBe(false);
    expect(seen.size).toBe(32);
  });
});
