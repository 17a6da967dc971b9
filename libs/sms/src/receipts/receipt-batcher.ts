import { Injectable, Logger } from '@nestjs/common';
import { DeliveriesRepository, receiptErrorText, receiptKey } from '@loa/delivery';
import type { ReceiptJob } from '@loa/queue';
import { ReceiptIntake } from './receipt-intake';

/** Receipts settled by one statement at most. */
const MAX_PER_STATEMENT = 1_000;

interface Waiting {
  receipt: ReceiptJob;
  done: () => void;
  fail: (e: unknown) => void;
}

/**
 * Receipts from an SMSC, settled in batches. Those that arrive in one turn of the event loop (a carrier sends them
 * by the hundred at full speed) are applied to their one-part messages in one statement while the previous batch
 * is being written; the rest (a part of a long message, a message id not stored yet, anything the statement could
 * not settle, or every receipt while PostgreSQL does not answer) go to the receipts queue, whose processor keeps
 * early ones and settles parts as before. A receipt's promise resolves only once it is applied or queued, so the
 * session acknowledges it (deliver_sm_resp) only then: an SMSC re-sends what was not acknowledged.
 */
@Injectable()
export class ReceiptBatcher {
  private readonly logger = new Logger(ReceiptBatcher.name);
  private readonly waiting: Waiting[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly intake: ReceiptIntake,
  ) {}

  /** Resolves once the receipt is applied to its message or safely in the receipts queue. */
  receipt(receipt: ReceiptJob): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.waiting.push({ receipt, done, fail });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) await this.settle(this.waiting.splice(0, MAX_PER_STATEMENT));
    } finally {
      this.writing = false;
    }
  }

  private async settle(batch: Waiting[]): Promise<void> {
    let applied = new Set<string>();
    try {
      applied = await this.deliveries.applyOnePartReceipts(
        batch.map(({ receipt: r }) => ({
          carrierCode: r.carrierCode,
          providerMessageId: r.providerMessageId,
          outcome: r.outcome,
          error: receiptErrorText(r.outcome, r.providerStatus, r.errorCode),
        })),
      );
    } catch (e) {
      this.logger.warn(`applying ${batch.length} receipts failed (${(e as Error).message}); they go to the queue`);
    }
    await Promise.all(
      batch.map(async (w) => {
        if (applied.has(receiptKey(w.receipt.carrierCode, w.receipt.providerMessageId))) return w.done();
        try {
          await this.intake.receipt(w.receipt);
          w.done();
        } catch (e) {
          w.fail(e); // not acknowledged: the SMSC sends it again
        }
      }),
    );
  }
}
