import { LetterFileError, unsupportedFormat } from './letter-file-error';

/** The kinds of letter file Loa reads. */
export type LetterFormat = 'text' | 'docx' | 'pdf';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The media type a letter of each format is kept and served with. */
export const LETTER_MEDIA_TYPES: Readonly<Record<LetterFormat, string>> = {
  text: 'text/plain; charset=utf-8',
  docx: DOCX_MEDIA_TYPE,
  pdf: 'application/pdf',
};

const FORMAT_LABEL: Readonly<Record<LetterFormat, string>> = { text: 'văn bản .txt / text', docx: 'DOCX', pdf: 'PDF' };

const BY_EXTENSION: Readonly<Record<string, LetterFormat>> = { txt: 'text', text: 'text', docx: 'docx', pdf: 'pdf' };

const BY_MEDIA_TYPE: Readonly<Record<string, LetterFormat>> = {
  'text/plain': 'text',
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
  [DOCX_MEDIA_TYPE]: 'docx',
};

/** Media types that say nothing about the content (browsers send them for unknown files). */
const GENERIC_MEDIA_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .doc
const DOCX_MAIN_PART = 'word/document.xml';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the bytes are, from their magic numbers alone. */
function sniff(bytes: Uint8Array): LetterFormat {
  if (startsWith(bytes, PDF_MAGIC)) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) {
    // Entry names are stored uncompressed (local headers and central directory); the reader checks the rest.
    if (containsAscii(bytes, DOCX_MAIN_PART)) return 'docx';
    throw unsupportedFormat(['tệp ZIP không phải DOCX', 'a ZIP archive that is not a DOCX']);
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw unsupportedFormat(['Word 97–2003 .doc; hãy lưu lại thành .docx', 'Word 97–2003 .doc; save it as .docx']);
  }
  if (isUtf8Text(bytes)) return 'text';
  throw unsupportedFormat(['không phải văn bản UTF-8, DOCX hay PDF', 'neither UTF-8 text, DOCX nor PDF']);
}

function extensionOf(fileName: string | undefined): string | null {
  const m = fileName ? /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim()) : null;
  return m ? m[1].toLowerCase() : null;
}

/**
 * The letter's format, decided by its content (magic bytes): `%PDF-` is a PDF, a ZIP holding `word/document.xml`
 * is a DOCX, valid UTF-8 without NUL is text. A file name extension or media type that names another known format
 * is a `format_mismatch` (a `.pdf` holding text); unknown or generic ones (application/octet-stream) are ignored.
 */
export function detectLetterFormat(bytes: Uint8Array, fileName?: string, mediaType?: string): LetterFormat {
  const format = sniff(bytes);
  const ext = extensionOf(fileName);
  const byExtension = ext ? BY_EXTENSION[ext] : undefined;
  if (ext && !byExtension && ['doc', 'odt', 'rtf', 'xlsx', 'xls', 'zip'].includes(ext)) {
    throw unsupportedFormat(`.${ext}`);
  }
  const media = (mediaType ?? '').split(';')[0].trim().toLowerCase();
  const byMedia = GENERIC_MEDIA_TYPES.has(media) ? undefined : BY_MEDIA_TYPE[media];
  const claimed = byExtension && byExtension !== format ? byExtension : byMedia && byMedia !== format ? byMedia : null;
  if (claimed) {
    const said = byExtension && byExtension !== format ? `.${ext}` : media;
    throw new LetterFileError(
      'format_mismatch',
      `Tệp ghi là ${said} nhưng nội dung là ${FORMAT_LABEL[format]} ` +
        `/ the file claims to be ${said} but its content is ${format === 'text' ? 'plain text' : FORMAT_LABEL[format]}`,
    );
  }
  return format;
}
