const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a path parameter is a UUID. Checked before querying, so a malformed id answers like an unknown one
 * (404) instead of reaching PostgreSQL's uuid cast (500).
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
