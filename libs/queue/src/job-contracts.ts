/** Job payloads carry ids only; Postgres holds the state. */
export interface FanoutJob {
  campaignId: string;
  /** Dispatch round: 0 at launch, bumped on resume and on requeue after lost jobs. */
  epoch: number;
}
/**
 * A send batch: the fan-out names its rows by a range of ids (`idRange`: the campaign's queued rows of the queue's
 * channel and carrier with ids in it, both ends included), a few bytes however large the batch; a list of ids
 * (`deliveryIds`, bigint as strings) names them one by one. The worker reads the range's rows when the job runs.
 */
export interface SendBatchJob {
  campaignId: string;
  deliveryIds?: string[];
  idRange?: { first: string; last: string };
}
export interface SmsSendJob extends SendBatchJob {
  carrierCode: string;
}
/** One test of a campaign's SMS to the operator's own phone (job name SMS_TEST_JOB): no delivery row. */
export interface SmsTestJob {
  campaignId: string;
  carrierCode: string;
  /** The operator's own number (84…), as their account held it when they asked. */
  msisdn: string;
  /** The user who asked. */
  requestedBy: string;
}
/** What a carrier's queue carries: send batches ('send') and one-off tests ('test'). */
export type SmsCarrierJob = SmsSendJob | SmsTestJob;
export const SMS_TEST_JOB = 'test';
export type ReceiptOutcome = 'delivered' | 'failed';
export interface ReceiptJob {
  carrierCode: string;
  providerMessageId: string;
  outcome: ReceiptOutcome;
  /** Provider status text, e.g. DELIVRD / UNDELIV / undelivered. */
  providerStatus: string;
  errorCode: string | null;
}
export type LifecycleJob = Record<string, never>;

/** A mobile-originated message (a subscriber's reply), e.g. an opt-out keyword. */
export interface InboundSmsJob {
  carrierCode: string;
  from: string;
  to: string;
  text: string;
  receivedAt: string;
}
