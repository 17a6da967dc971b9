import { Module } from '@nestjs/common';
import { BatchRunner } from './batch-runner';
import { DeliveriesRepository } from './deliveries.repository';
import { EarlyReceiptsRepository } from './early-receipts.repository';
import { ReceiptSettlement } from './receipt-settlement';

@Module({
  providers: [DeliveriesRepository, EarlyReceiptsRepository, ReceiptSettlement, BatchRunner],
  exports: [DeliveriesRepository, EarlyReceiptsRepository, ReceiptSettlement, BatchRunner],
})
export class DeliveryModule {}
