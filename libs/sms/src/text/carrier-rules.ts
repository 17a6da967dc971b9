/**
 * A carrier's sending rules as its row states them (`carriers.sender_name` and `connection`), for the real send path
 * and for plans before approval. Pure.
 */
import { renderForCarrierPolicy, type CarrierRendering, type CarrierRenderPolicy } from './carrier-policy';

/**
 * Parts a carrier takes for one message unless its contract says otherwise (`connection.maxSegments`): long
 * brandname messages are commonly capped at a few parts; set each carrier's own.
 */
export const DEFAULT_CARRIER_MAX_SEGMENTS = 8;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The render policy a carrier row sets (public-information messages are not advertising). */
export function carrierRules(
  carrier: { senderName: string; connection: Record<string, unknown> | null | undefined },
  stripDiacritics: boolean,
): CarrierRenderPolicy {
  const c = carrier.connection ?? {};
  const max = Number(c.maxSegments);
  return {
    stripDiacritics,
    maxSegments: Number.isInteger(max) && max >= 1 && max <= 255 ? max : DEFAULT_CARRIER_MAX_SEGMENTS,
    senderName: carrier.senderName,
    ...(text(c.templateId) ? { templateId: text(c.templateId) } : {}),
  };
}

/** The message as `carrier` will carry it, with every rule it breaks (sender name, parts over its cap). */
export function renderUnderCarrierRules(
  message: string,
  carrier: { code: string; senderName: string; connection: Record<string, unknown> | null | undefined },
  stripDiacritics: boolean,
): CarrierRendering {
  const rendering = renderForCarrierPolicy(message, carrierRules(carrier, stripDiacritics));
  return { ...rendering, errors: rendering.errors.map((e) => `${carrier.code}: ${e}`) };
}
