export { extractDirective } from './extract-directive';
export { MAX_DIRECTIVE_CHARS, DirectiveTooLargeError } from './limits';
export type {
  DirectiveDate,
  DirectiveFields,
  DirectiveItem,
  DirectiveReference,
  DirectiveSigner,
  DocumentCode,
} from './types';
