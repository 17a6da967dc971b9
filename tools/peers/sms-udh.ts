/**
 * User Data Header facts the SMSC simulator needs (3GPP TS 23.040 §9.2.3.24), written independently of
 * libs/sms so that the peer checks the client rather than agreeing with it by construction.
 */

/** The concatenation information element of a submitted part. */
export interface SmscConcatUdh {
  /** 8 for IEI 0x00 (one-octet reference), 16 for IEI 0x08 (two-octet reference). */
  referenceBits: 8 | 16;
  reference: number;
  total: number;
  sequence: number;
}

const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

/**
 * The concatenation element among UDH information elements (each `IEI, IEDL, data…`, as node-smpp hands them
 * over), or null when there is none or it is malformed (wrong length, total 0, sequence outside 1..total).
 */
export function concatFromInformationElements(elements: readonly Buffer[]): SmscConcatUdh | null {
  for (const element of elements) {
    const iei = element[0];
    const length = element[1];
    let header: SmscConcatUdh | null = null;
    if (iei === IEI_CONCAT_8BIT && length === 3 && element.length === 5) {
      header = { referenceBits: 8, reference: element[2], total: element[3], sequence: element[4] };
    } else if (iei === IEI_CONCAT_16BIT && length === 4 && element.length === 6) {
      header = { referenceBits: 16, reference: element.readUInt16BE(2), total: element[4], sequence: element[5] };
    } else {
      continue;
    }
    return header.total >= 1 && header.sequence >= 1 && header.sequence <= header.total ? header : null;
  }
  return null;
}

/** The header octets as sent: UDHL followed by the information elements. */
export function udhOctets(elements: readonly Buffer[]): Buffer {
  const body = Buffer.concat(elements);
  return Buffer.concat([Buffer.from([body.length]), body]);
}

export interface ConcatenationPart {
  systemId: string;
  sourceAddr: string;
  destination: string;
  text: string;
  udh: SmscConcatUdh | null;
}

export interface ReassembledMessage<T extends ConcatenationPart> {
  destination: string;
  /** The parts received, ordered by sequence number (a single part without UDH for a plain message). */
  parts: T[];
  /** The texts of the received parts joined in sequence order. */
  text: string;
  /** Every sequence number from 1 to total arrived exactly once (always true without UDH). */
  complete: boolean;
}

/**
 * Groups submissions into messages the way a handset would: parts with the same sender, destination,
 * reference and total belong together. Messages come out in the order their first part arrived.
 */
export function reassemble<T extends ConcatenationPart>(submissions: readonly T[]): ReassembledMessage<T>[] {
  const groups = new Map<string, T[]>();
  const order: T[][] = [];
  for (const submission of submissions) {
    if (!submission.udh) {
      order.push([submission]);
      continue;
    }
    const { referenceBits, reference, total } = submission.udh;
    const key = JSON.stringify([
      submission.systemId,
      submission.sourceAddr,
      submission.destination,
      referenceBits,
      reference,
      total,
    ]);
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
      order.push(group);
    }
    group.push(submission);
  }
  return order.map((group) => {
    const parts = [...group].sort((a, b) => (a.udh?.sequence ?? 1) - (b.udh?.sequence ?? 1));
    const total = parts[0].udh?.total ?? 1;
    const sequences = parts.map((part) => part.udh?.sequence ?? 1);
    const complete = sequences.length === total && sequences.every((sequence, index) => sequence === index + 1);
    return { destination: parts[0].destination, parts, text: parts.map((part) => part.text).join(''), complete };
  });
}
