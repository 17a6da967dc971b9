/** What a provider reports for one message; the batch runner turns it into a row transition. */
export type SendOutcome =
  /** Accepted by the provider; `final` when no receipt will follow (email accepted by SMTP). */
  | {
      kind: 'accepted';
      providerMessageId: string | null;
      final: boolean;
      /** Every part's id, in order, when the message went out as several parts (each gets its own receipt). */
      partIds?: string[];
    }
  /** Refused for good (invalid number, mailbox rejected): the row fails with this reason. */
  | { kind: 'rejected'; error: string }
  /** Refused for now, and certainly not sent (throttled, SMSC said retry, not bound): send it later. */
  | { kind: 'retry-later'; error: string; throttled?: boolean }
  /** Not now, by rule (e.g. the subscriber's daily cap): the row waits in `queued` until `until`. */
  | { kind: 'deferred'; until: Date; error: string }
  /** Maybe sent (connection lost after the request went out): never re-sent, reported as unknown. */
  | { kind: 'ambiguous'; error: string };

export class RetryLaterError extends Error {
  constructor(
    message: string,
    /** The carrier asked us to slow down: the whole carrier queue should pause, not just this job. */
    readonly throttled = false,
  ) {
    super(message);
  }
}
