import { docxToText } from './docx-to-text';
import { LetterFileError } from './letter-file-error';
import { LETTER_MEDIA_TYPES, LetterFormat, detectLetterFormat } from './letter-format';
import { pdfToText } from './pdf-to-text';

/** Largest letter file accepted (API upload and CLI alike): room for a PDF with embedded fonts and a few images. */
export const MAX_LETTER_FILE_BYTES = 20 * 1024 * 1024;

/** A letter file read: its format, the media type it is kept with, and its plain text. */
export interface LetterFileText {
  readonly format: LetterFormat;
  readonly mediaType: string;
  readonly text: string;
}

/**
 * Reads a letter file of any supported format (decided by content, see detectLetterFormat) into plain text (NFC).
 * Throws LetterFileError for what cannot be read.
 */
export async function readLetterFile(
  bytes: Uint8Array,
  fileName?: string,
  mediaType?: string,
): Promise<LetterFileText> {
  const format = detectLetterFormat(bytes, fileName, mediaType);
  const text =
    format === 'pdf'
      ? await pdfToText(bytes)
      : format === 'docx'
        ? docxToText(bytes)
        : new TextDecoder('utf-8', { fatal: true })
            .decode(bytes)
            .replace(/^\uFEFF/u, '')
            .normalize('NFC');
  if (format === 'docx' && text.trim() === '') {
    throw new LetterFileError('corrupt', 'Tệp DOCX không có chữ / the DOCX holds no text');
  }
  return { format, mediaType: LETTER_MEDIA_TYPES[format], text };
}
