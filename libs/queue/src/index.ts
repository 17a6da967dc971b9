export { QUEUES, smsQueueName } from './queue-names';
export type {
  FanoutJob,
  InboundSmsJob,
  LifecycleJob,
  ReceiptJob,
  ReceiptOutcome,
  SendBatchJob,
  SmsCarrierJob,
  SmsSendJob,
  SmsTestJob,
} from './job-contracts';
export { SMS_TEST_JOB } from './job-contracts';
export { batchJobId, fanoutJobId, receiptJobId, smsTestJobId } from './job-ids';
export { DEFAULT_JOB_OPTIONS } from './job-options';
export { bullConnection } from './redis-connection';
export { SmsQueues } from './sms-queues';
export { QueueModule } from './queue.module';
export { handOver, within } from './within';
