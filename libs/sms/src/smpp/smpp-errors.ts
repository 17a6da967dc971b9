/**
 * SMPP command_status values (SMPP 3.4 §5.1.3 / 5.0 §4.7.6) and how the
 * broadcaster should react to them:
 *  - throttled: the SMSC asks us to slow down; retry later at a lower rate;
 *  - transient: temporary SMSC/network trouble; retry later;
 *  - permanent: the message itself (address, length, coding…) or our account is wrong; do not retry.
 */

export type SmppErrorKind = 'throttled' | 'transient' | 'permanent';

export interface SmppStatusDescription {
  name: string;
  kind: SmppErrorKind;
}

const COMMAND_STATUSES: Record<number, SmppStatusDescription> = {
  0x01: { name: 'ESME_RINVMSGLEN', kind: 'permanent' },
  0x02: { name: 'ESME_RINVCMDLEN', kind: 'permanent' },
  0x03: { name: 'ESME_RINVCMDID', kind: 'permanent' },
  0x04: { name: 'ESME_RINVBNDSTS', kind: 'transient' },
  0x05: { name: 'ESME_RALYBND', kind: 'transient' },
  0x06: { name: 'ESME_RINVPRTFLG', kind: 'permanent' },
  0x07: { name: 'ESME_RINVREGDLVFLG', kind: 'permanent' },
  0x08: { name: 'ESME_RSYSERR', kind: 'transient' },
  0x0a: { name: 'ESME_RINVSRCADR', kind: 'permanent' },
  0x0b: { name: 'ESME_RINVDSTADR', kind: 'permanent' },
  0x0c: { name: 'ESME_RINVMSGID', kind: 'permanent' },
  0x0d: { name: 'ESME_RBINDFAIL', kind: 'permanent' },
  0x0e: { name: 'ESME_RINVPASWD', kind: 'permanent' },
  0x0f: { name: 'ESME_RINVSYSID', kind: 'permanent' },
  0x11: { name: 'ESME_RCANCELFAIL', kind: 'permanent' },
  0x13: { name: 'ESME_RREPLACEFAIL', kind: 'permanent' },
  0x14: { name: 'ESME_RMSGQFUL', kind: 'throttled' },
  0x15: { name: 'ESME_RINVSERTYP', kind: 'permanent' },
  0x33: { name: 'ESME_RINVNUMDESTS', kind: 'permanent' },
  0x34: { name: 'ESME_RINVDLNAME', kind: 'permanent' },
  0x40: { name: 'ESME_RINVDESTFLAG', kind: 'permanent' },
  0x42: { name: 'ESME_RINVSUBREP', kind: 'permanent' },
  0x43: { name: 'ESME_RINVESMCLASS', kind: 'permanent' },
  0x44: { name: 'ESME_RCNTSUBDL', kind: 'permanent' },
  0x45: { name: 'ESME_RSUBMITFAIL', kind: 'transient' },
  0x48: { name: 'ESME_RINVSRCTON', kind: 'permanent' },
  0x49: { name: 'ESME_RINVSRCNPI', kind: 'permanent' },
  0x50: { name: 'ESME_RINVDSTTON', kind: 'permanent' },
  0x51: { name: 'ESME_RINVDSTNPI', kind: 'permanent' },
  0x53: { name: 'ESME_RINVSYSTYP', kind: 'permanent' },
  0x54: { name: 'ESME_RINVREPFLAG', kind: 'permanent' },
  0x55: { name: 'ESME_RINVNUMMSGS', kind: 'permanent' },
  0x58: { name: 'ESME_RTHROTTLED', kind: 'throttled' },
  0x61: { name: 'ESME_RINVSCHED', kind: 'permanent' },
  0x62: { name: 'ESME_RINVEXPIRY', kind: 'permanent' },
  0x63: { name: 'ESME_RINVDFTMSGID', kind: 'permanent' },
  0x64: { name: 'ESME_RX_T_APPN', kind: 'transient' },
  0x65: { name: 'ESME_RX_P_APPN', kind: 'permanent' },
  0x66: { name: 'ESME_RX_R_APPN', kind: 'permanent' },
  0x67: { name: 'ESME_RQUERYFAIL', kind: 'transient' },
  0xc0: { name: 'ESME_RINVTLVSTREAM', kind: 'permanent' },
  0xc1: { name: 'ESME_RTLVNOTALLWD', kind: 'permanent' },
  0xc2: { name: 'ESME_RINVTLVLEN', kind: 'permanent' },
  0xc3: { name: 'ESME_RMISSINGTLV', kind: 'permanent' },
  0xc4: { name: 'ESME_RINVTLVVAL', kind: 'permanent' },
  0xfe: { name: 'ESME_RDELIVERYFAILURE', kind: 'transient' },
  0xff: { name: 'ESME_RUNKNOWNERR', kind: 'transient' },
  0x100: { name: 'ESME_RSERTYPUNAUTH', kind: 'permanent' },
  0x101: { name: 'ESME_RPROHIBITED', kind: 'permanent' },
  0x102: { name: 'ESME_RSERTYPUNAVAIL', kind: 'transient' },
  0x103: { name: 'ESME_RSERTYPDENIED', kind: 'permanent' },
  0x104: { name: 'ESME_RINVDCS', kind: 'permanent' },
  0x105: { name: 'ESME_RINVSRCADDRSUBUNIT', kind: 'permanent' },
  0x106: { name: 'ESME_RINVDSTADDRSUBUNIT', kind: 'permanent' },
};

export const SMPP_STATUS = {
  ESME_ROK: 0x00,
  ESME_RSYSERR: 0x08,
  ESME_RINVDSTADR: 0x0b,
  ESME_RBINDFAIL: 0x0d,
  ESME_RMSGQFUL: 0x14,
  ESME_RTHROTTLED: 0x58,
  ESME_RX_T_APPN: 0x64,
  ESME_RQUERYFAIL: 0x67,
} as const;

function hex(status: number): string {
  return `0x${status.toString(16).padStart(8, '0')}`;
}

/**
 * Name and retry kind of an SMPP command_status. Unknown (e.g. vendor-specific
 * 0x400–0x4FF) statuses are reported as transient so that the bounded retry
 * policy of the caller decides, rather than dropping the message at once.
 */
export function describeCommandStatus(status: number): SmppStatusDescription {
  return COMMAND_STATUSES[status] ?? { name: `ESME_UNKNOWN_${hex(status)}`, kind: 'transient' };
}

/** Failures that never reached the SMSC (no command_status). All transient. */
export type SmppTransportFailure = 'NOT_BOUND' | 'CONNECTION_LOST' | 'SUBMIT_TIMEOUT';

/** Where a concatenated (multi-part) message stopped. */
export interface ConcatenatedFailure {
  /** 1-based number of the part that failed; the parts after it were not sent. */
  readonly failedPart: number;
  readonly totalParts: number;
  /** message_ids of the parts the SMSC accepted before the failure, in order (they may well be delivered). */
  readonly acceptedMessageIds: readonly string[];
}

export class SmppSubmitError extends Error {
  override readonly name = 'SmppSubmitError';
  /**
   * For a concatenated message, the parts the SMSC accepted before this failure (in order); empty when
   * nothing was accepted, including every single-part failure. Non-empty means the subscriber may receive
   * an incomplete message, and re-sending the whole text repeats those parts.
   */
  readonly acceptedMessageIds: readonly string[];
  /** 1-based part that failed, for a concatenated message; null for a single-part message. */
  readonly failedPart: number | null;
  readonly totalParts: number | null;

  constructor(
    message: string,
    /** The SMSC's command_status, or null when the submit never got an answer. */
    readonly commandStatus: number | null,
    readonly statusName: string,
    readonly kind: SmppErrorKind,
    concatenated: ConcatenatedFailure | null = null,
  ) {
    super(message);
    this.acceptedMessageIds = concatenated ? [...concatenated.acceptedMessageIds] : [];
    this.failedPart = concatenated?.failedPart ?? null;
    this.totalParts = concatenated?.totalParts ?? null;
  }

  /**
   * The same failure (status, name, kind) reported for part `failedPart` of a concatenated message, with the
   * message_ids of the parts accepted before it.
   */
  static inConcatenated(cause: SmppSubmitError, failure: ConcatenatedFailure): SmppSubmitError {
    const { failedPart, totalParts, acceptedMessageIds } = failure;
    const count = acceptedMessageIds.length;
    const accepted =
      count === 0
        ? 'no part accepted'
        : `${count === 1 ? 'part 1' : `parts 1-${count}`} accepted as ${acceptedMessageIds.join(', ')}`;
    return new SmppSubmitError(
      `${cause.message} (part ${failedPart} of ${totalParts}; ${accepted})`,
      cause.commandStatus,
      cause.statusName,
      cause.kind,
      failure,
    );
  }

  static fromCommandStatus(commandStatus: number): SmppSubmitError {
    const { name, kind } = describeCommandStatus(commandStatus);
    return new SmppSubmitError(
      `submit_sm rejected by SMSC: ${name} (${hex(commandStatus)}), ${kind}`,
      commandStatus,
      name,
      kind,
    );
  }

  static transport(failure: SmppTransportFailure, detail: string): SmppSubmitError {
    return new SmppSubmitError(`submit_sm failed: ${failure}: ${detail}`, null, failure, 'transient');
  }

  /** The message could not even be encoded into a submit_sm PDU. */
  static invalidMessage(detail: string): SmppSubmitError {
    return new SmppSubmitError(`submit_sm not sent: INVALID_MESSAGE: ${detail}`, null, 'INVALID_MESSAGE', 'permanent');
  }
}

/** The SMSC refused bind_transceiver (wrong credentials, system id unknown…), or no answer came. */
export class SmppBindError extends Error {
  override readonly name = 'SmppBindError';

  constructor(
    message: string,
    readonly commandStatus: number | null,
    readonly statusName: string,
  ) {
    super(message);
  }

  static fromCommandStatus(commandStatus: number, target: string): SmppBindError {
    const { name } = describeCommandStatus(commandStatus);
    return new SmppBindError(
      `SMPP bind_transceiver to ${target} rejected: ${name} (${hex(commandStatus)})`,
      commandStatus,
      name,
    );
  }
}
