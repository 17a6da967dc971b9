import { supersededAudioFiles } from './superseded-audio';

describe('supersededAudioFiles', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const hour = 3600_000;
  const files = [
    { path: 'c1/dtt-mytu.mp3', mtimeMs: now - 5 * hour },
    { path: 'c1/dtt-mytu-r2.mp3', mtimeMs: now - 4 * hour },
    { path: 'uploads/c1/ab12.mp3', mtimeMs: now - 3 * hour },
    { path: 'uploads/c1/cd34.wav', mtimeMs: now - 10 * 60_000 },
    { path: 'c1/dtt-mytu-r3.mp3.part-123-1', mtimeMs: now - 2 * hour },
  ];

  it('lists files no row names once they are older than the grace period', () => {
    const referenced = new Set(['c1/dtt-mytu-r2.mp3']);
    expect(supersededAudioFiles(files, referenced, now, hour)).toEqual([
      'c1/dtt-mytu.mp3',
      'uploads/c1/ab12.mp3',
      'c1/dtt-mytu-r3.mp3.part-123-1',
    ]);
  });

  it('keeps what is referenced, and what is recent, whatever else', () => {
    const all = new Set(files.map((f) => f.path));
    expect(supersededAudioFiles(files, all, now, hour)).toEqual([]);
    expect(supersededAudioFiles(files, new Set(), now, 24 * hour)).toEqual([]);
  });
});
