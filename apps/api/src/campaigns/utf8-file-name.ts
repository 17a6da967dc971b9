/** Multipart file names arrive decoded as Latin-1; most clients send UTF-8 ("Thông báo.mp3"). */
export function utf8FileName(name: string): string {
  if (![...name].every((c) => c.charCodeAt(0) < 256)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded.normalize('NFC');
}
