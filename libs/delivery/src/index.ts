export * from './deliveries.repository';
export * from './send-outcome';
export * from './batch-runner';
export * from './delivery.module';
export * from './delivery-transitions';
