import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { DeliveriesRepository, receiptErrorText } from '@loa/delivery';
import { CarrierAutoPause } from '../auto-pause/carrier-auto-pause';
import type { SmsProvider, StatusAnswer } from '../providers';
import { SECONDARY_ID_PREFIX, type RouteName } from '../routes/rules';

export interface ReceiptCheckResult {
  /** Messages (or parts) the carrier was asked about. */
  asked: number;
  /** Answers that ended a message (or part): applied exactly as receipts. */
  settled: number;
  /** Still on their way: asked again after RECEIPT_QUERY_EVERY_SECONDS. */
  pending: number;
  /** The carrier does not know them: the receipt timeout will expire them. */
  unknown: number;
  /** The question failed (connection down, timeout): it and the rest of the batch are asked next round. */
  unanswered: number;
}

/**
 * Receipts get lost: an SMSC drops a deliver_sm, Twilio posts a status callback once and does not retry. For SMS
 * that have waited RECEIPT_QUERY_AFTER_SECONDS, the worker asks the carrier where they stand and applies a final
 * answer through the same compare-and-set as a receipt, so a receipt that does arrive later changes nothing.
 */
@Injectable()
export class AwaitingReceiptsService {
  private readonly logger = new Logger('awaiting-receipts');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly autoPause: CarrierAutoPause,
  ) {}

  get enabled(): boolean {
    return this.config.delivery.receiptQueryAfterSeconds > 0;
  }

  /**
   * One round for one carrier's route: claims a batch of the messages that route took, asks about each, applies the
   * final answers.
   */
  async check(provider: SmsProvider, senderName: string, route: RouteName = 'primary'): Promise<ReceiptCheckResult> {
    const result: ReceiptCheckResult = { asked: 0, settled: 0, pending: 0, unknown: 0, unanswered: 0 };
    if (!this.enabled) return result;
    const d = this.config.delivery;
    const claimed = await this.deliveries.claimAwaitingReceipt(
      provider.carrierCode,
      d.receiptQueryAfterSeconds,
      d.receiptQueryEverySeconds,
      d.receiptQueryBatch,
      { prefix: SECONDARY_ID_PREFIX, taken: route === 'secondary' },
    );
    // What the answers said, for the auto-pause's receipt windows (a carrier that reports UNDELIV when asked).
    const settled: Array<{
      campaignId: string;
      carrierCode: string;
      outcome: 'delivered' | 'failed';
      error: string | null;
    }> = [];
    for (const [index, message] of claimed.entries()) {
      result.asked += 1;
      let answer: StatusAnswer;
      try {
        answer = await provider.queryStatus({ providerMessageId: message.providerMessageId, senderName });
      } catch (e) {
        // The carrier cannot be asked now (connection down, timeout): the rest of the batch would fail alike, so
        // it goes back unasked, to be asked next round rather than RECEIPT_QUERY_EVERY_SECONDS later.
        result.unanswered += 1;
        const rest = claimed.slice(index).map((m) => m.deliveryId);
        await this.deliveries.unclaimAwaitingReceipt(rest);
        this.logger.warn(
          `${provider.carrierCode}: cannot ask about ${message.providerMessageId} (${(e as Error).message}); ` +
            `${new Set(rest).size} message(s) left for the next round`,
        );
        break;
      }
      if (answer.kind !== 'final') {
        result[answer.kind] += 1;
        continue;
      }
      const error = receiptErrorText(answer.outcome, answer.providerStatus, answer.errorCode);
      const applied = await this.deliveries.applyReceipt(
        provider.carrierCode,
        message.providerMessageId,
        answer.outcome,
        error,
      );
      if (applied.campaignId) {
        settled.push({
          campaignId: applied.campaignId,
          carrierCode: provider.carrierCode,
          outcome: answer.outcome,
          error,
        });
      }
      result.settled += 1;
    }
    // Counting is advice, not settlement: the answers are applied whatever becomes of it.
    await this.autoPause
      .recordReceipts(settled)
      .catch((e: unknown) => this.logger.error(`auto-pause on status answers failed: ${(e as Error).message}`));
    if (result.settled || result.unknown || result.unanswered) {
      this.logger.log(`${provider.carrierCode}: receipts not received, carrier asked: ${JSON.stringify(result)}`);
    }
    return result;
  }
}
