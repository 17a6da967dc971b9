/** Domain errors; the API maps them to HTTP statuses (404, 409, 403, 422). */
export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
  }
}
export class ForbiddenActionError extends Error {}
export class UnprocessableError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
