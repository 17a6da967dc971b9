export * from './awaiting-receipts.service';
