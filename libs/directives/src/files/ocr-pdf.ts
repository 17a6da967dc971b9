import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LetterFileError } from './letter-file-error';

/** How scans are read: Tesseract's Vietnamese model over pages rasterised by poppler's pdftoppm. */
export interface OcrOptions {
  readonly enabled: boolean;
  readonly tesseractBin: string;
  readonly pdftoppmBin: string;
  readonly language: string;
  /** A scan longer than this is refused rather than read in part. */
  readonly maxPages: number;
  /** For the whole file; the tools are killed past it. */
  readonly timeoutMs: number;
}

function unavailable(detail: string): LetterFileError {
  return new LetterFileError(
    'ocr_unavailable',
    'Tệp PDF là bản quét (không có lớp chữ) và máy chủ chưa đọc được bản quét tiếng Việt (cần Tesseract với gói ' +
      `tesseract-ocr-vie); hãy gửi bản DOCX hoặc PDF có chữ / the PDF is a scan and this server cannot OCR Vietnamese ` +
      `(${detail}); send the DOCX or a PDF with text`,
  );
}

function run(bin: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' }, (e, stdout, stderr) => {
      if (!e) return resolve(stdout);
      const err = e as NodeJS.ErrnoException & { killed?: boolean };
      if (err.code === 'ENOENT') return reject(unavailable(`${bin} not found`));
      if (err.killed) return reject(new LetterFileError('corrupt', `OCR quá thời gian / OCR timed out (${bin})`));
      reject(new LetterFileError('corrupt', `Tệp PDF bị hỏng, không đọc được / corrupt PDF: ${String(stderr).trim()}`));
    });
  });
}

/**
 * The text of a scanned PDF (no text layer), page after page, NFC. Never through a shell: each tool gets its
 * arguments as an array, in a private temporary folder removed afterwards.
 */
export async function ocrPdf(bytes: Uint8Array, opts: OcrOptions): Promise<string> {
  if (!opts.enabled) throw unavailable('OCR is turned off (OCR_ENABLED=false)');
  const started = Date.now();
  const left = () => Math.max(1000, opts.timeoutMs - (Date.now() - started));
  const langs = await run(opts.tesseractBin, ['--list-langs'], left());
  if (!langs.split(/\s+/u).includes(opts.language)) throw unavailable(`no "${opts.language}" model installed`);
  const dir = await mkdtemp(join(tmpdir(), 'loa-ocr-'));
  try {
    await writeFile(join(dir, 'scan.pdf'), bytes);
    // One page past the limit tells a scan that is too long from one that just fits.
    await run(
      opts.pdftoppmBin,
      ['-r', '300', '-gray', '-png', '-l', String(opts.maxPages + 1), join(dir, 'scan.pdf'), join(dir, 'page')],
      left(),
    );
    const pages = (await readdir(dir)).filter((f) => /^page-\d+\.png$/u.test(f)).sort();
    if (pages.length > opts.maxPages) {
      throw new LetterFileError(
        'too_many_pages',
        `Bản quét dài hơn ${opts.maxPages} trang; hãy gửi bản DOCX hoặc PDF có chữ / the scan has more than ` +
          `${opts.maxPages} pages: send the DOCX or a PDF with text`,
      );
    }
    const texts: string[] = [];
    for (const page of pages) {
      // --psm 3: automatic page layout, which finds a Decree 30 header's two columns as separate blocks.
      texts.push(await run(opts.tesseractBin, [join(dir, page), 'stdout', '-l', opts.language, '--psm', '3'], left()));
    }
    return texts.join('\n\n').normalize('NFC');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
