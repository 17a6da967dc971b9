import { Throttle } from '@nestjs/throttler';
import { loadConfig } from '@loa/config';

/**
 * Named limits, per client address per minute (configurable, see RATE_LIMIT_*). The default one covers every
 * operator route; the others are applied to the routes they name. Over the limit: 429 with Retry-After.
 */
const limits = loadConfig().rateLimit;
const MINUTE = 60_000;

export const DEFAULT_THROTTLE = { name: 'default', ttl: MINUTE, limit: limits.apiPerMinute };
export const LoginThrottle = () => Throttle({ default: { ttl: MINUTE, limit: limits.loginPerMinute } });
export const PublicThrottle = () => Throttle({ default: { ttl: MINUTE, limit: limits.publicPerMinute } });
export const PartnerThrottle = () => Throttle({ default: { ttl: MINUTE, limit: limits.partnerPerMinute } });
