export { QUEUES, smsQueueName } from './queue-names';
export type {
  FanoutJob,
  InboundSmsJob,
  LifecycleJob,
  ReceiptJob,
  ReceiptOutcome,
  SendBatchJob,
  SmsSendJob,
} from './job-contracts';
export { batchJobId, fanoutJobId, receiptJobId } from './job-ids';
export { DEFAULT_JOB_OPTIONS } from './job-options';
export { bullConnection } from './redis-connection';
export { SmsQueues } from './sms-queues';
export { QueueModule } from './queue.module';
export { handOver, within } from './within';
