import { analyzeText, type SmsEncoding } from '../text';
import { dataCodingFor, type SmppDataCoding } from './sms-encoding';
import { type EncodedParts, encodeParts, encodeUserText } from './udh';

/** What submit_sm needs of a text, worked out once for every message that carries it. */
export interface SubmitText {
  /** The text NFC-normalised, as it is sent. */
  readonly text: string;
  readonly segments: number;
  readonly encoding: SmsEncoding;
  readonly dataCoding: SmppDataCoding;
  /** The whole text encoded: the short_message of a one-part message, or the message_payload of a long one. */
  whole(): Buffer;
  /** A long message cut into encoded parts; each message adds its UDH (`withReference`). */
  parts(): EncodedParts;
}

/**
 * A campaign sends one text to every subscriber: normalising, measuring and encoding it again for each of a
 * million messages cost about 1.5 % of the worker's CPU in a profile of the send path. The last `capacity` texts
 * are kept (least recently used goes first); the octets are never written to after they are made, so messages
 * share them.
 */
export class SubmitTextCache {
  private readonly texts = new Map<string, SubmitText>();

  constructor(private readonly capacity = 16) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be ≥ 1 (got ${capacity})`);
  }

  get(text: string): SubmitText {
    const hit = this.texts.get(text);
    if (hit) {
      this.texts.delete(text);
      this.texts.set(text, hit);
      return hit;
    }
    const made = submitText(text);
    this.texts.set(text, made);
    if (this.texts.size > this.capacity) this.texts.delete(this.texts.keys().next().value!);
    return made;
  }

  get size(): number {
    return this.texts.size;
  }
}

function submitText(raw: string): SubmitText {
  const { text, encoding, segments } = analyzeText(raw);
  let whole: Buffer | null = null;
  let parts: EncodedParts | null = null;
  return {
    text,
    segments,
    encoding,
    dataCoding: dataCodingFor(encoding),
    whole: () => (whole ??= encodeUserText(text, encoding)),
    parts: () => (parts ??= encodeParts(text)),
  };
}
