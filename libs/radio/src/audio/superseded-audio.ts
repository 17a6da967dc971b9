/** A file under the audio directory: its path relative to that directory, and when it was last written. */
export interface AudioFileEntry {
  path: string;
  mtimeMs: number;
}

/**
 * The audio files no row names any more (an earlier revision's speech, a replaced or removed recording, a
 * partial write left by a crash) that are older than `graceMs`, so a station still downloading one finishes first
 * (pure).
 */
export function supersededAudioFiles(
  files: AudioFileEntry[],
  referenced: ReadonlySet<string>,
  nowMs: number,
  graceMs: number,
): string[] {
  return files.filter((f) => !referenced.has(f.path) && nowMs - f.mtimeMs > graceMs).map((f) => f.path);
}
