import { docxToText } from './docx-to-text';
import { LetterFileError } from './letter-file-error';
import { LETTER_MEDIA_TYPES, LetterFormat, detectLetterFormat } from './letter-format';
import { OcrOptions, ocrPdf } from './ocr-pdf';
import { pdfToText } from './pdf-to-text';

/** Largest letter file accepted (API upload and CLI alike): room for a PDF with embedded fonts and a few images. */
export const MAX_LETTER_FILE_BYTES = 20 * 1024 * 1024;

/** A letter file read: its format, the media type it is kept with, and its plain text. */
export interface LetterFileText {
  readonly format: LetterFormat;
  readonly mediaType: string;
  readonly text: string;
  /** `ocr` when the text was recognised from a scan: the operator should check the fields. */
  readonly readBy: 'text' | 'ocr';
}

/** Fewer letters than this from OCR: a blank or unreadable scan, not a letter. */
const MIN_OCR_LETTERS = 40;

/**
 * Reads a letter file of any supported format (decided by content, see detectLetterFormat) into plain text (NFC).
 * A PDF without a text layer is read by OCR when `ocr` is given. Throws LetterFileError for what cannot be read.
 */
export async function readLetterFile(
  bytes: Uint8Array,
  fileName?: string,
  mediaType?: string,
  ocr?: OcrOptions,
): Promise<LetterFileText> {
  const format = detectLetterFormat(bytes, fileName, mediaType);
  if (format === 'pdf') {
    try {
      return { format, mediaType: LETTER_MEDIA_TYPES.pdf, text: await pdfToText(bytes), readBy: 'text' };
    } catch (e) {
      // A scan: read it with OCR where the server can, else say what it needs.
      if (!(e instanceof LetterFileError) || e.code !== 'no_text_layer' || !ocr) throw e;
      const text = await ocrPdf(bytes, ocr);
      if ((text.match(/\p{L}/gu) ?? []).length < MIN_OCR_LETTERS) throw e;
      return { format, mediaType: LETTER_MEDIA_TYPES.pdf, text, readBy: 'ocr' };
    }
  }
  const text =
    format === 'docx'
      ? docxToText(bytes)
      : new TextDecoder('utf-8', { fatal: true })
          .decode(bytes)
          .replace(/^\uFEFF/u, '')
          .normalize('NFC');
  if (format === 'docx' && text.trim() === '') {
    throw new LetterFileError('corrupt', 'Tệp DOCX không có chữ / the DOCX holds no text');
  }
  return { format, mediaType: LETTER_MEDIA_TYPES[format], text, readBy: 'text' };
}
