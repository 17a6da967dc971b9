import { envSecret } from '@loa/config';
import type { CarrierEntity } from '@loa/db';
import { LocalRateGate, type RateGate } from './rate-gate';
import { RateLimitedProvider } from './rate-limited-provider';
import { SmppProvider } from './smpp-provider';
import type { SmsProvider } from './sms-provider';
import { TwilioProvider } from './twilio-provider';

/** A connection secret given literally or as the name of an environment variable (`<name>Env`). */
export function resolveSecret(connection: Record<string, unknown>, name: string): string | null {
  const fromEnv = connection[`${name}Env`];
  const secret = typeof fromEnv === 'string' ? envSecret(fromEnv) : null;
  if (secret) return secret;
  const literal = connection[name];
  return typeof literal === 'string' ? literal : null;
}

export class CarrierConfigError extends Error {}

function required(carrier: CarrierEntity, name: string): string {
  const v = resolveSecret(carrier.connection, name);
  if (!v) throw new CarrierConfigError(`carrier ${carrier.code}: connection.${name} (or ${name}Env) is required`);
  return v;
}

/**
 * Builds the provider a carrier row is configured for, held to its TPS when `connection.tps` is set: by the gate
 * `gateFor` gives (shared by every worker, CarrierLimits), else in this process.
 */
export function createSmsProvider(
  carrier: CarrierEntity,
  publicBaseUrl: string,
  gateFor: (carrierCode: string, tps: number) => RateGate = (_code, tps) => new LocalRateGate(tps),
  route: 'primary' | 'secondary' = 'primary',
): SmsProvider {
  const provider = createBareProvider(carrier, publicBaseUrl, route);
  const tps = Number(carrier.connection.tps ?? 0);
  if (!Number.isFinite(tps) || tps < 0)
    throw new CarrierConfigError(`carrier ${carrier.code}: connection.tps must be a positive number`);
  return tps > 0 ? new RateLimitedProvider(provider, tps, gateFor(carrier.code, tps)) : provider;
}

/** Where Twilio posts a route's status callbacks: the second route's have their own path (its own auth token). */
export function twilioStatusPath(carrierCode: string, route: 'primary' | 'secondary'): string {
  return `/api/webhooks/twilio/${encodeURIComponent(carrierCode)}${route === 'secondary' ? '/secondary' : ''}/status`;
}

function createBareProvider(
  carrier: CarrierEntity,
  publicBaseUrl: string,
  route: 'primary' | 'secondary',
): SmsProvider {
  switch (carrier.provider) {
    case 'smpp':
      return new SmppProvider(carrier.code, {
        host: required(carrier, 'host'),
        port: Number(carrier.connection.port ?? 2775),
        systemId: required(carrier, 'systemId'),
        password: required(carrier, 'password'),
        systemType: typeof carrier.connection.systemType === 'string' ? carrier.connection.systemType : undefined,
      });
    case 'twilio':
      return new TwilioProvider(carrier.code, {
        accountSid: required(carrier, 'accountSid'),
        authToken: required(carrier, 'authToken'),
        apiBaseUrl: resolveSecret(carrier.connection, 'apiBaseUrl') ?? undefined,
        statusCallbackUrl: `${publicBaseUrl}${twilioStatusPath(carrier.code, route)}`,
      });
    default:
      throw new CarrierConfigError(`carrier ${carrier.code}: unknown provider ${String(carrier.provider)}`);
  }
}
