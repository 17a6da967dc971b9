/**
 * Duration of a RIFF/WAVE file from its header (pure): data bytes ÷ byte rate. espeak-ng writes plain PCM WAV;
 * its data chunk size may be left at 0 or 0xFFFFFFFF when streaming, so the file length is used then.
 */
export function wavDurationSeconds(buf: Buffer): number | null {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && body + 12 <= buf.length) byteRate = buf.readUInt32LE(body + 8);
    if (id === 'data') {
      if (!byteRate) return null;
      const available = buf.length - body;
      const bytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return bytes / byteRate;
    }
    offset = body + size + (size % 2);
  }
  return null;
}
