import { Injectable } from '@nestjs/common';
import { AppliedReceipt, DeliveriesRepository } from './deliveries.repository';
import { EarlyReceipt, EarlyReceiptsRepository } from './early-receipts.repository';

export type ReceiptResult = 'applied' | 'already-final' | 'kept' | 'no-such-message';

/** What became of a receipt, and the campaign of the message it settled when it was applied now. */
export interface SettledReceipt {
  result: ReceiptResult;
  campaignId: string | null;
}

/**
 * Receipts meet their messages whichever comes first. A receipt for a message id not stored yet (the SMSC answered
 * the receipt before the submit response, or the response is still being written, perhaps by another worker) is
 * kept in `early_receipts`; storing the id then applies it. Each side writes first and reads second, so at least one
 * of them sees the other; applying is a compare-and-set, so both seeing it changes nothing.
 */
@Injectable()
export class ReceiptSettlement {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly early: EarlyReceiptsRepository,
  ) {}

  /**
   * Applies a receipt, or keeps it for its message (`kept`). `no-such-message` only when `maxKept` receipts are kept
   * already: the caller retries later, as before.
   */
  async apply(
    carrierCode: string,
    providerMessageId: string,
    outcome: 'delivered' | 'failed',
    error: string | null,
    maxKept: number,
  ): Promise<SettledReceipt> {
    const first = await this.deliveries.applyReceipt(carrierCode, providerMessageId, outcome, error);
    if (first.result !== 'no-such-message') return first;
    if (!(await this.early.keep(carrierCode, providerMessageId, outcome, error, maxKept))) return first;
    // The id may have been stored between the two statements, its sender finding nothing kept yet.
    const second = await this.deliveries.applyReceipt(carrierCode, providerMessageId, outcome, error);
    if (second.result === 'no-such-message') return { result: 'kept', campaignId: null };
    await this.early.forget(carrierCode, [providerMessageId]);
    return second;
  }

  /**
   * After a message's ids are stored: applies the receipts that came before them. Answers those it applied, with
   * their campaign (for the auto-pause's receipt window).
   */
  async afterStored(carrierCode: string, providerMessageIds: string[]): Promise<AppliedReceipt[]> {
    if (!providerMessageIds.length) return [];
    return this.applyKept(carrierCode, await this.early.find(carrierCode, providerMessageIds));
  }

  /** Applies receipts found kept for stored ids (none, nearly always), then lets go of them. */
  async applyKept(carrierCode: string, kept: EarlyReceipt[]): Promise<AppliedReceipt[]> {
    if (!kept.length) return [];
    const applied: AppliedReceipt[] = [];
    for (const r of kept) {
      const { campaignId } = await this.deliveries.applyReceipt(carrierCode, r.providerMessageId, r.outcome, r.error);
      if (campaignId) applied.push({ carrierCode, campaignId, ...r });
    }
    await this.early.forget(
      carrierCode,
      kept.map((r) => r.providerMessageId),
    );
    return applied;
  }
}
