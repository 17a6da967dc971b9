import { Injectable, Logger } from '@nestjs/common';
import { ReceiptResult, ReceiptSettlement, receiptErrorText } from '@loa/delivery';
import type { ReceiptJob } from '@loa/queue';
import { CarrierAutoPause } from '../auto-pause/carrier-auto-pause';

/**
 * A receipt from the receipts queue (a part of a long message, one that came before its message id, one the bulk
 * path could not settle): applied through ReceiptSettlement, and what it said counted by the auto-pause's receipt
 * window of its campaign (the one the settlement touched), as the bulk path (ReceiptBatcher) counts the rest.
 */
@Injectable()
export class QueuedReceipts {
  private readonly logger = new Logger(QueuedReceipts.name);

  constructor(
    private readonly settlement: ReceiptSettlement,
    private readonly autoPause: CarrierAutoPause,
  ) {}

  async apply(r: ReceiptJob, maxKept: number): Promise<ReceiptResult> {
    const error = receiptErrorText(r.outcome, r.providerStatus, r.errorCode);
    const { result, campaignId } = await this.settlement.apply(
      r.carrierCode,
      r.providerMessageId,
      r.outcome,
      error,
      maxKept,
    );
    if (campaignId) {
      // Counting is advice, not settlement: the receipt is applied whatever becomes of it.
      await this.autoPause
        .recordReceipts([{ campaignId, carrierCode: r.carrierCode, outcome: r.outcome, error }])
        .catch((e: unknown) => this.logger.error(`auto-pause on a receipt failed: ${(e as Error).message}`));
    }
    return result;
  }
}
