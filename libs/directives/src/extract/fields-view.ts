import type { DirectiveDate, DirectiveDateView, DirectiveFields, DirectiveFieldsView } from './types';

/** `2021-09-28` for a whole date, `{ year, month }` for a partial one. */
export function directiveDateView(date: DirectiveDate | null): DirectiveDateView | null {
  if (!date) return null;
  return date.iso ?? { year: date.year, month: date.month };
}

/** The fields with the date in its public shape; every other field as extracted. */
export function directiveFieldsView(fields: DirectiveFields): DirectiveFieldsView {
  return { ...fields, date: directiveDateView(fields.date) };
}
