import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** File extension of each audio type Loa serves (synthesised speech and uploaded recordings). */
export const AUDIO_EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
};

export function audioExtension(mimeType: string | null | undefined): string {
  return AUDIO_EXTENSIONS[mimeType ?? ''] ?? 'bin';
}

/** Writes to a temporary name beside `path` and renames, so a station never downloads half a file. */
export async function writeAudioAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.part-${process.pid}-${Date.now()}`;
  await writeFile(partial, bytes);
  await rename(partial, path);
}
