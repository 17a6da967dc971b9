import { dirname, join } from 'node:path';
import { LetterFileError, corrupt } from './letter-file-error';
import { PageTextItem, pageText } from './pdf-layout';

/** Most pages read from one letter; a directive is a few pages. */
export const MAX_PDF_PAGES = 100;

/** The part of pdfjs-dist's API used here (its own types are ESM-only declarations). */
interface PdfJs {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  GlobalWorkerOptions: { workerSrc: string };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfPage {
  view: number[];
  getTextContent(): Promise<{ items: Array<{ str?: string; transform?: number[]; width?: number; height?: number }> }>;
  cleanup(): void;
}

let loaded: Promise<{ pdfjs: PdfJs; assets: string }> | null = null;

/**
 * pdfjs-dist's legacy (Node) build, loaded once on first use. It ships ES modules only: the CommonJS build's
 * `require` loads them (require(esm), Node ≥ 20.19) and Jest rewrites them to CommonJS (ESM_PACKAGES in
 * jest.config.js). Its worker runs in this thread: set as `globalThis.pdfjsWorker`, pdfjs uses it instead of
 * importing a worker script by URL.
 */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; assets: string }> {
  loaded ??= (async () => {
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
    const holder = globalThis as { pdfjsWorker?: unknown };
    const worker: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: imported by name
    holder.pdfjsWorker ??= await import(worker);
    const assets = dirname(require.resolve('pdfjs-dist/package.json'));
    return { pdfjs, assets };
  })();
  loaded.catch(() => (loaded = null));
  return loaded;
}

function noTextLayer(): LetterFileError {
  return new LetterFileError(
    'no_text_layer',
    'Tệp PDF không có lớp chữ (bản quét), cần nhận dạng ký tự (OCR) / the PDF has no text layer (a scan): it needs OCR',
  );
}

/** Maps pdfjs' exceptions (told apart by name: they may come from another realm under Jest) to LetterFileError. */
function readError(e: unknown): LetterFileError {
  if (e instanceof LetterFileError) return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'PasswordException') {
    return new LetterFileError(
      'encrypted',
      'Tệp PDF được bảo vệ bằng mật khẩu; hãy gửi bản không khóa / the PDF is password-protected: send an unlocked copy',
    );
  }
  return corrupt('pdf', (e as Error | null)?.message ?? String(e));
}

/**
 * The letter's plain text from a PDF's text layer, page by page in reading order (see `pageText`: the two-column
 * header and footer blocks read column by column), blank lines dropped, NFC, lines joined with "\n".
 * Throws LetterFileError: `encrypted` (needs a password), `corrupt`, `no_text_layer` (a scan: OCR needed).
 */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { pdfjs, assets } = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdfjs takes over (detaches) the buffer it is given
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    cMapUrl: `${join(assets, 'cmaps')}/`,
    standardFontDataUrl: `${join(assets, 'standard_fonts')}/`,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw readError(e);
  }
  try {
    const lines: string[] = [];
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    for (let n = 1; n <= pages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: PageTextItem[] = [];
      for (const it of content.items) {
        if (typeof it.str !== 'string' || !it.transform) continue;
        const [a, b, , d, x, y] = it.transform;
        items.push({
          text: it.str,
          x,
          y,
          width: it.width ?? 0,
          size: Math.abs(it.height || Math.hypot(a, b) || d || 1),
        });
      }
      const [x0, , x1] = page.view;
      lines.push(...pageText(items, Math.min(x0, x1), Math.abs(x1 - x0)));
      page.cleanup();
    }
    const text = lines.join('\n').normalize('NFC');
    if (text.replace(/\s/gu, '').length === 0) throw noTextLayer();
    return text;
  } catch (e) {
    throw readError(e);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
