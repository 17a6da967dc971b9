/**
 * A scanned letter as a records office makes one: the sample letter's PDF printed to paper and scanned back, here
 * its first page rasterised by poppler's pdftoppm (200 dpi, grey) and wrapped as an image in a new PDF with no text
 * layer. Built in tests, never committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { letterPdf, sampleLetterText } from './letter-files';

export async function scannedLetterPdf(text = sampleLetterText()): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-scan-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), await letterPdf(text));
    execFileSync('pdftoppm', [
      '-r',
      '200',
      '-gray',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'letter.pdf'),
      join(dir, 'p'),
    ]);
    const [png] = readdirSync(dir).filter((f) => f.endsWith('.png'));
    const image = readFileSync(join(dir, png));
    return await new Promise<Buffer>((resolve, reject) => {
      const doc = new PDFDocument({ size: 'A4', margin: 0 });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.image(image, 0, 0, { width: doc.page.width, height: doc.page.height });
      doc.end();
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
