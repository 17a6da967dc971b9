export { AwaitingReceiptsService } from './awaiting-receipts.service';
export type { ReceiptCheckResult } from './awaiting-receipts.service';
export { ReceiptIntake } from './receipt-intake';
export { receiptCheckEveryMs } from './receipt-check-interval';
export { ReceiptBatcher } from './receipt-batcher';
export { QueuedReceipts } from './queued-receipts';
