export { DeliveriesRepository, receiptErrorText, receiptKey } from './deliveries.repository';
export type { AppliedReceipt, AwaitingReceipt, ClaimedRow, ReceiptApplication } from './deliveries.repository';
export { EarlyReceiptsRepository } from './early-receipts.repository';
export type { EarlyReceipt } from './early-receipts.repository';
export { ReceiptSettlement } from './receipt-settlement';
export type { ReceiptResult, SettledReceipt } from './receipt-settlement';
export { RetryLaterError } from './send-outcome';
export type { SendOutcome } from './send-outcome';
export { BatchRunner } from './batch-runner';
export { GroupCommitter } from './group-committer';
export { OncePerInterval } from './once-per-interval';
export { SendWindow } from './send-window';
export type { CommitGroup, GroupCommitOptions } from './group-committer';
export type { BatchRunOptions, BatchRunResult, BatchStatus, CampaignState } from './batch-runner';
export type { StoreGrouping } from './send-pipeline';
export { DeliveryModule } from './delivery.module';
export {
  cancelQueuedRows,
  expireQueuedPastEnd,
  expireUnreceiptedSms,
  markRadioConfirmed,
  markRadioPulled,
  markStaleSendingUnknown,
  materializeEmailRows,
  materializeEmailTestRows,
  materializeRadioRows,
  materializeSmsRows,
  materializeSmsTestRows,
  TEST_EMAIL_KEY_PREFIX,
  optOutQueuedSms,
  staleSendingSearch,
  touchQueuedRows,
} from './delivery-transitions';
export { FanoutForChannel } from './channel-fanout';
export type { ChannelFanout } from './channel-fanout';
export { EMERGENCY_PRIORITY, NORMAL_PRIORITY, batchesFromMarks, batchesOfSpans, sendJobOptions } from './send-batches';
export type {
  BatchMark,
  BatchRows,
  IdRange,
  QueuedBatchPage,
  SendBatch,
  SendJobOptions,
  WrittenSpan,
} from './send-batches';
export { campaignWindowStop, ENDED_BEFORE_SENT } from './campaign-window';
export type { WindowStop } from './campaign-window';
