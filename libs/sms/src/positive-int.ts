/**
 * A positive whole number read from a loosely typed setting (a carrier row's `connection` JSON), or null when it is
 * unset or not one. A numeric string counts ('200' is 200); a number above `max` is brought down to it.
 */
export function positiveInt(value: unknown, { max = Infinity }: { max?: number } = {}): number | null {
  if (value === undefined || value === null) return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : null;
}
