/** Radio errors the API maps to HTTP statuses (the message names the field or the thing). */
export class RadioNotFoundError extends Error {}
/** The campaign is in a state where the change is not possible (409). */
export class RadioConflictError extends Error {}
/** The operator's role does not allow this change (403). */
export class RadioForbiddenError extends Error {}
/** A field's value cannot be accepted (422); `field` names it. */
export class RadioInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
