/**
 * Concatenated SMS (3GPP TS 23.040 §9.2.3.24.1): a long text is sent as several short messages, each starting
 * with a User Data Header that names the message (an 8-bit reference), the number of parts and the part's
 * position, so the handset can put them back together. In SMPP the UDH travels at the start of short_message
 * and esm_class carries the UDHI flag (0x40).
 *
 * Pure: the parts are cut by ../text (153 GSM-7 septets or 67 UCS-2 code units each, never splitting an
 * escape sequence or a surrogate pair) and encoded here into the exact short_message octets.
 */
import { analyzeText, encodeGsm7Septets, splitSegments, type SmsEncoding } from '../text';
import { dataCodingFor, type SmppDataCoding } from './sms-encoding';

/** esm_class bit 6: short_message starts with a User Data Header. */
export const ESM_CLASS_UDHI = 0x40;
/** Information Element Identifier of "Concatenated short messages, 8-bit reference number". */
export const IEI_CONCAT_8BIT = 0x00;
/** UDHL + IEI + IEDL + reference + total + sequence. */
export const CONCAT_UDH_LENGTH = 6;
/** The sequence number is one octet, so a message has at most 255 parts. */
export const MAX_CONCATENATED_PARTS = 255;

export interface ConcatHeader {
  /** Same for every part of one message, 0–255; should differ between messages to the same handset. */
  readonly reference: number;
  /** Number of parts, 1–255. */
  readonly total: number;
  /** 1-based position of this part. */
  readonly sequence: number;
}

function assertOctet(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** The 6-octet UDH `05 00 03 <reference> <total> <sequence>`. */
export function concatUdh(header: ConcatHeader): Buffer {
  assertOctet('reference', header.reference, 0, 0xff);
  assertOctet('total', header.total, 1, MAX_CONCATENATED_PARTS);
  assertOctet('sequence', header.sequence, 1, header.total);
  return Buffer.from([CONCAT_UDH_LENGTH - 1, IEI_CONCAT_8BIT, 3, header.reference, header.total, header.sequence]);
}

/** The text in the octets SMPP carries for its encoding: unpacked GSM-7 septets, or UCS-2 big-endian. */
export function encodeUserText(text: string, encoding: SmsEncoding): Buffer {
  if (encoding === 'GSM-7') return Buffer.from(encodeGsm7Septets(text));
  // UTF-16BE; a character outside the BMP becomes its surrogate pair, as handsets expect in UCS-2 messages.
  return Buffer.from(text, 'utf16le').swap16();
}

export interface ConcatenatedPart extends ConcatHeader {
  /** This part's text (NFC), whole characters only. */
  readonly text: string;
  /** The 6-octet concatenation UDH. */
  readonly udh: Buffer;
  /** UDH followed by the encoded text: the exact short_message of this part's submit_sm. */
  readonly shortMessage: Buffer;
}

export interface ConcatenatedMessage {
  /** The whole text, NFC-normalised. */
  readonly text: string;
  readonly encoding: SmsEncoding;
  readonly dataCoding: SmppDataCoding;
  /** In sending order; a single element (still with a UDH) when the text fits one part. */
  readonly parts: readonly ConcatenatedPart[];
}

/** A text cut into parts and each part encoded, before any reference is chosen (see `withReference`). */
export interface EncodedParts {
  /** The whole text, NFC-normalised. */
  readonly text: string;
  readonly encoding: SmsEncoding;
  readonly parts: ReadonlyArray<{ readonly text: string; readonly octets: Buffer }>;
}

/**
 * Cuts `text` (NFC-normalised first) into parts, each encoded in the encoding the whole text needs. Throws
 * RangeError for a text needing more than 255 parts.
 */
export function encodeParts(text: string): EncodedParts {
  const { text: normalized, encoding } = analyzeText(text);
  const texts = splitSegments(normalized);
  if (texts.length > MAX_CONCATENATED_PARTS) {
    throw new RangeError(`text needs ${texts.length} parts, a concatenated SMS has at most ${MAX_CONCATENATED_PARTS}`);
  }
  return { text: normalized, encoding, parts: texts.map((t) => ({ text: t, octets: encodeUserText(t, encoding) })) };
}

/** The parts of one message: each part's UDH, with `reference`, before its encoded text. */
export function withReference(encoded: EncodedParts, reference: number): ConcatenatedMessage {
  assertOctet('reference', reference, 0, 0xff);
  const total = encoded.parts.length;
  const parts = encoded.parts.map((part, index): ConcatenatedPart => {
    const header = { reference, total, sequence: index + 1 };
    const udh = concatUdh(header);
    return { ...header, text: part.text, udh, shortMessage: Buffer.concat([udh, part.octets]) };
  });
  return { text: encoded.text, encoding: encoded.encoding, dataCoding: dataCodingFor(encoded.encoding), parts };
}

/**
 * Cuts `text` (NFC-normalised first) into concatenated parts that all carry the UDH with `reference`.
 * The caller decides whether a text needs concatenation at all (see ../text analyzeText: segments > 1);
 * a text that fits one SMS is returned as one part of one. Every part has the same encoding, the one the
 * whole text needs. Throws RangeError for a reference outside 0–255 or a text needing more than 255 parts.
 */
export function splitConcatenated(text: string, reference: number): ConcatenatedMessage {
  assertOctet('reference', reference, 0, 0xff);
  return withReference(encodeParts(text), reference);
}
