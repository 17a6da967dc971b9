/** A directory row or user that does not exist in the caller's organisation (another tenant's id looks the same). */
export class DirectoryNotFoundError extends Error {
  override name = 'DirectoryNotFoundError';
}

/** The change conflicts with the current state: a code already taken, a row still in use, self-lockout. */
export class DirectoryConflictError extends Error {
  override name = 'DirectoryConflictError';
}

/** One problem with one field, or with one line of an import file (line numbers are 1-based, header = 1). */
export interface FieldProblem {
  line?: number;
  field?: string;
  message: string;
}

/** The input breaks a directory rule (relay level, cycle, slot, URL…); every problem found is listed. */
export class DirectoryValidationError extends Error {
  override name = 'DirectoryValidationError';
  constructor(
    message: string,
    readonly problems: FieldProblem[],
  ) {
    super(message);
  }
}
