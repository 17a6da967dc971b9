export * from './queue-names';
export * from './job-contracts';
export * from './job-ids';
export * from './job-options';
export * from './redis-connection';
export * from './sms-queues';
export * from './queue.module';
export * from './within';
