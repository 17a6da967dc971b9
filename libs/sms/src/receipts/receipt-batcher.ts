import { Injectable, Logger } from '@nestjs/common';
import { AppliedReceipt, DeliveriesRepository, GroupCommitter, receiptErrorText, receiptKey } from '@loa/delivery';
import type { ReceiptJob } from '@loa/queue';
import { CarrierAutoPause } from '../auto-pause/carrier-auto-pause';
import { ReceiptIntake } from './receipt-intake';

/** Receipts settled by one statement at most. */
const MAX_PER_STATEMENT = 1_000;

/**
 * Receipts from an SMSC, settled in batches. Those that arrive in one turn of the event loop (a carrier sends them
 * by the hundred at full speed) are applied to their one-part messages in one statement while the previous batch
 * is being written; the rest (a part of a long message, a message id not stored yet, anything the statement could
 * not settle, or every receipt while PostgreSQL does not answer) go to the receipts queue, whose processor keeps
 * early ones and settles parts as before. A receipt's promise resolves only once it is applied or queued, so the
 * session acknowledges it (deliver_sm_resp) only then: an SMSC re-sends what was not acknowledged. What the applied
 * receipts said goes to the auto-pause (a carrier that accepts messages and then fails them, e.g. a blocked sender
 * name reported as UNDELIV), after the acknowledgement is free to go.
 */
@Injectable()
export class ReceiptBatcher {
  private readonly logger = new Logger(ReceiptBatcher.name);
  /** One statement at a time: the next batch gathers while this one is written. */
  private readonly batches = new GroupCommitter<ReceiptJob>((batch) => this.settle(batch), {
    maxGroupSize: MAX_PER_STATEMENT,
  });

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly intake: ReceiptIntake,
    private readonly autoPause: CarrierAutoPause,
  ) {}

  /** Resolves once the receipt is applied to its message or safely in the receipts queue. */
  receipt(receipt: ReceiptJob): Promise<void> {
    return this.batches.add(receipt);
  }

  /** Applies a batch in one statement and queues what it did not settle; each receipt settles on its own. */
  private async settle(batch: ReceiptJob[]): Promise<Array<Promise<void>>> {
    let settled: AppliedReceipt[] = [];
    try {
      settled = await this.deliveries.applyOnePartReceipts(
        batch.map((r) => ({
          carrierCode: r.carrierCode,
          providerMessageId: r.providerMessageId,
          outcome: r.outcome,
          error: receiptErrorText(r.outcome, r.providerStatus, r.errorCode),
        })),
      );
    } catch (e) {
      this.logger.warn(`applying ${batch.length} receipts failed (${(e as Error).message}); they go to the queue`);
    }
    if (settled.length) {
      this.autoPause
        .recordReceipts(settled)
        .catch((e: unknown) => this.logger.error(`auto-pause on receipts failed: ${(e as Error).message}`));
    }
    const applied = new Set(settled.map((r) => receiptKey(r.carrierCode, r.providerMessageId)));
    // A receipt whose queueing fails is not acknowledged: the SMSC sends it again.
    return batch.map(async (r) => {
      if (!applied.has(receiptKey(r.carrierCode, r.providerMessageId))) await this.intake.receipt(r);
    });
  }
}
