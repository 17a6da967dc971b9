/** Why a letter file could not be read; the API maps each to a 4xx, the CLI prints the message. */
export type LetterFileErrorCode =
  | 'unsupported_format'
  | 'corrupt'
  | 'encrypted'
  | 'too_large_uncompressed'
  | 'no_text_layer'
  | 'format_mismatch'
  | 'ocr_unavailable'
  | 'too_many_pages';

/** A letter file that cannot be read: a code to branch on and a message, Vietnamese first, then English. */
export class LetterFileError extends Error {
  override readonly name = 'LetterFileError';

  constructor(
    readonly code: LetterFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the file is, in Vietnamese and English, e.g. `.doc`, or ["tệp ZIP không phải DOCX", "a ZIP that is not a DOCX"]. */
export function unsupportedFormat(what: string | readonly [vi: string, en: string]): LetterFileError {
  const [vi, en] = typeof what === 'string' ? [what, what] : what;
  return new LetterFileError(
    'unsupported_format',
    `Định dạng tệp không được hỗ trợ (${vi}); hãy gửi .txt (UTF-8), .docx hoặc .pdf ` +
      `/ unsupported file format (${en}); send a .txt (UTF-8), .docx or .pdf file`,
  );
}

export function corrupt(kind: 'docx' | 'pdf', detail: string): LetterFileError {
  const label = kind === 'docx' ? 'DOCX' : 'PDF';
  return new LetterFileError('corrupt', `Tệp ${label} bị hỏng, không đọc được / corrupt ${label} file: ${detail}`);
}
