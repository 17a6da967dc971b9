export { extractDirective } from './extract-directive';
export { correctFields, documentCodeText } from './correct-fields';
export type { CorrectionProblem, DirectiveCorrections } from './correct-fields';
export { directiveDateView, directiveFieldsView } from './fields-view';
export { MAX_DIRECTIVE_CHARS, DirectiveTooLargeError } from './limits';
export type {
  DirectiveDate,
  DirectiveDateView,
  DirectiveFields,
  DirectiveFieldsView,
  DirectiveItem,
  DirectiveReference,
  DirectiveSigner,
  DocumentCode,
} from './types';
