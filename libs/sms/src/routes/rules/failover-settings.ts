import { positiveInt } from '../../positive-int';

/** When a carrier with a second route switches to it, and when it tries its first route again. */
export interface FailoverSettings {
  /** The second route's connection: `provider` and the fields that provider reads, as on a carrier row. */
  secondary: Record<string, unknown> & { provider: 'smpp' | 'twilio' };
  /** How long the first route must have failed (no bind, or every submission answered with a transient error). */
  failoverAfterMs: number;
  /** How long the second route carries the carrier before the first, if bound again, is tried. */
  retryPrimaryAfterMs: number;
}

export const DEFAULT_FAILOVER_AFTER_SECONDS = 60;
export const DEFAULT_RETRY_PRIMARY_AFTER_SECONDS = 300;

export class FailoverSettingsError extends Error {}

/**
 * A carrier row's failover settings (`connection.secondary`, `connection.failoverAfterSeconds`,
 * `connection.retryPrimaryAfterSeconds`), or null when it has no second route. A second route that is not an
 * object with a known provider is refused, naming the field.
 */
export function failoverSettings(carrierCode: string, connection: Record<string, unknown>): FailoverSettings | null {
  const secondary = connection.secondary;
  if (secondary === undefined || secondary === null) return null;
  if (typeof secondary !== 'object' || Array.isArray(secondary))
    throw new FailoverSettingsError(`carrier ${carrierCode}: connection.secondary must be an object`);
  const provider = (secondary as Record<string, unknown>).provider;
  if (provider !== 'smpp' && provider !== 'twilio')
    throw new FailoverSettingsError(
      `carrier ${carrierCode}: connection.secondary.provider must be smpp or twilio (got ${String(provider)})`,
    );
  const seconds = (name: string, fallback: number): number => {
    const value = connection[name];
    if (value === undefined) return fallback;
    const n = positiveInt(value, { max: 86_400 });
    if (n === null)
      throw new FailoverSettingsError(`carrier ${carrierCode}: connection.${name} must be a whole number of seconds`);
    return n;
  };
  return {
    secondary: { ...(secondary as Record<string, unknown>), provider },
    failoverAfterMs: seconds('failoverAfterSeconds', DEFAULT_FAILOVER_AFTER_SECONDS) * 1000,
    retryPrimaryAfterMs: seconds('retryPrimaryAfterSeconds', DEFAULT_RETRY_PRIMARY_AFTER_SECONDS) * 1000,
  };
}
