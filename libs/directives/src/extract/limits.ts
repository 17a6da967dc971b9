/** Largest input `extractDirective` accepts, in UTF-16 code units (a long directive is ~40,000). */
export const MAX_DIRECTIVE_CHARS = 200_000;

export class DirectiveTooLargeError extends Error {
  constructor(readonly length: number) {
    super(
      `Directive text is ${length} characters long; the extractor accepts at most ${MAX_DIRECTIVE_CHARS}. ` +
        'Split the document or remove attachments before extracting.',
    );
    this.name = 'DirectiveTooLargeError';
  }
}
