/**
 * Renders a message the way one carrier will carry it: advertising label and opt-out instructions added,
 * diacritics stripped or kept, encoding, length and segments measured, and the carrier's rules checked
 * (sender name, segment cap). Pure; errors are returned, not thrown, so an operator sees all of them at once.
 */
import { renderSms } from './render-sms';
import type { SmsEncoding } from './segments';

export const DEFAULT_ADVERTISING_LABEL = '[QC]';
/** Alphanumeric sender ids are at most 11 characters (3GPP TS 23.040 TP-OA, 11 GSM characters). */
export const MAX_SENDER_NAME_LENGTH = 11;

export interface CarrierRenderPolicy {
  /** Send without Vietnamese marks (GSM-7 when the rest allows, 160 characters a segment instead of 70). */
  readonly stripDiacritics: boolean;
  /** Most segments the carrier accepts for one message; a positive integer. */
  readonly maxSegments: number;
  /** An advertising message: starts with the advertising label and must carry opt-out instructions. */
  readonly advertising?: boolean;
  /** Label put first in an advertising message; '[QC]' by default. */
  readonly advertisingLabel?: string;
  /** Opt-out instructions appended after the text (e.g. "Tu choi QC soan TC gui 789"). */
  readonly optOutText?: string;
  /** The registered brand name the message is sent from (alphanumeric sender id). */
  readonly senderName: string;
  /** The carrier's registered template id, when the carrier requires one; passed through. */
  readonly templateId?: string;
}

export interface CarrierRendering {
  /** The text as it will be sent (NFC). */
  readonly text: string;
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly length: number;
  readonly segments: number;
  /** True when stripping was asked for and changed the text. */
  readonly diacriticsStripped: boolean;
  /** What the same message would cost with its diacritics kept, so operators see the price of keeping them. */
  readonly segmentsIfDiacriticsKept: number;
  readonly encodingIfDiacriticsKept: SmsEncoding;
  readonly senderName: string;
  readonly templateId: string | null;
  /** Every rule the message breaks; empty when it may be sent. */
  readonly errors: readonly string[];
}

/** Letters and digits, with - . _ or a space between them (the characters carriers register brand names with). */
const SENDER_NAME = /^[A-Za-z0-9]+(?:[-._ ][A-Za-z0-9]+)*$/;
const HAS_LETTER = /[A-Za-z]/;

/** Why `senderName` cannot be an alphanumeric sender id, or null when it can. */
export function senderNameError(senderName: string): string | null {
  if (senderName.trim() === '') return 'sender name is empty';
  const length = [...senderName].length;
  if (length > MAX_SENDER_NAME_LENGTH) {
    return `sender name "${senderName}" has ${length} characters, at most ${MAX_SENDER_NAME_LENGTH} are allowed`;
  }
  if (!SENDER_NAME.test(senderName)) {
    return (
      `sender name "${senderName}" may only contain letters A–Z, digits and single - . _ or spaces between them ` +
      `(no marks, no other symbols)`
    );
  }
  if (!HAS_LETTER.test(senderName)) {
    return `sender name "${senderName}" has no letter; an all-digit sender is a phone number, not a brand name`;
  }
  return null;
}

/** Renders `text` for a carrier under `policy` (see CarrierRenderPolicy). Throws only for a malformed maxSegments. */
export function renderForCarrierPolicy(text: string, policy: CarrierRenderPolicy): CarrierRendering {
  const errors: string[] = [];
  const body = text.normalize('NFC').trim();
  if (body === '') errors.push('message text is empty');

  const label = (policy.advertisingLabel ?? DEFAULT_ADVERTISING_LABEL).normalize('NFC').trim();
  const alreadyLabelled = label !== '' && body.toUpperCase().startsWith(label.toUpperCase());
  const prefix = policy.advertising && label !== '' && !alreadyLabelled ? `${label} ` : '';
  const optOut = policy.optOutText?.normalize('NFC').trim() ?? '';
  const suffix = optOut ? ` ${optOut}` : '';
  if (policy.advertising && label === '') errors.push('an advertising message needs a label such as [QC]');
  if (policy.advertising && !optOut) {
    errors.push('an advertising message must say how to opt out (optOutText), e.g. "Tu choi QC soan TC gui 789"');
  }

  const senderError = senderNameError(policy.senderName);
  if (senderError) errors.push(senderError);
  const templateId = policy.templateId === undefined ? null : policy.templateId.trim();
  if (templateId === '') errors.push('templateId is empty');

  const rendered = renderSms(body, {
    prefix,
    suffix,
    stripDiacritics: policy.stripDiacritics,
    maxSegments: policy.maxSegments,
  });
  if (rendered.error) errors.push(rendered.error);
  const kept = policy.stripDiacritics ? renderSms(body, { prefix, suffix }) : rendered;

  return {
    text: rendered.text,
    encoding: rendered.encoding,
    length: rendered.length,
    segments: rendered.segments,
    diacriticsStripped: rendered.diacriticsStripped,
    segmentsIfDiacriticsKept: kept.segments,
    encodingIfDiacriticsKept: kept.encoding,
    senderName: policy.senderName,
    templateId,
    errors,
  };
}
