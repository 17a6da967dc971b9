import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { closePendingAmendments, markMissedBroadcasts } from '@loa/radio';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import {
  EarlyReceiptsRepository,
  ENDED_BEFORE_SENT,
  expireQueuedPastEnd,
  expireUnreceiptedSms,
  markStaleSendingUnknown,
  OncePerInterval,
  touchQueuedRows,
} from '@loa/delivery';

export interface LifecycleTickResult {
  staleToUnknown: number;
  expired: number;
  /** Receipts kept for a message id that never came, let go after EARLY_RECEIPT_KEEP_SECONDS. */
  earlyReceiptsDropped: number;
  /** SMS and e-mail rows still queued when their campaign ended. */
  expiredUnsent: number;
  refannedOut: number;
  completed: string[];
}

/**
 * The periodic reconciler: rows stranded by a dead worker become `unknown` (never re-sent); receipts that never
 * came expire, and receipts kept for a message id that never came are let go; lost jobs are re-enqueued from rows still queued (Redis may have lost them); campaigns whose every
 * channel is done are completed.
 */
@Injectable()
export class LifecycleService {
  private readonly logger = new Logger(LifecycleService.name);
  private readonly staleSearches: OncePerInterval;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
    private readonly campaignRows: CampaignsRepository,
    private readonly earlyReceipts: EarlyReceiptsRepository,
  ) {
    // Rows a dead worker left `sending` are taken for unknown after SENDING_STALE_SECONDS: looking ten times in that
    // span is soon enough, and the search reads the whole table (an index on `sending` would mislead the send path's
    // plans, see the LifecycleSweeps migration), so it does not run at every tick.
    this.staleSearches = new OncePerInterval((config.delivery.sendingStaleSeconds * 1000) / 10);
  }

  async tick(): Promise<LifecycleTickResult> {
    const d = this.config.delivery;
    const staleToUnknown = this.staleSearches.due('sending', Date.now())
      ? await markStaleSendingUnknown(this.dataSource, d.sendingStaleSeconds)
      : 0;
    const expired = await expireUnreceiptedSms(this.dataSource, d.receiptTimeoutSeconds);
    const earlyReceiptsDropped = await this.earlyReceipts.purgeOlderThan(d.earlyReceiptKeepSeconds);
    if (earlyReceiptsDropped) this.logger.warn(`${earlyReceiptsDropped} early receipts never met their message`);
    const expiredUnsent = await expireQueuedPastEnd(this.dataSource, ENDED_BEFORE_SENT);
    const refannedOut = await this.requeueLostWork();
    await markMissedBroadcasts(this.dataSource, this.config.radio);
    const completed = await this.completeFinished();
    return { staleToUnknown, expired, earlyReceiptsDropped, expiredUnsent, refannedOut, completed };
  }

  /** Running campaigns not fully materialised, or with rows queued for too long: a new dispatch round. */
  private async requeueLostWork(): Promise<number> {
    const rows = await this.campaignRows.bumpDispatchForLostWork(this.config.delivery.requeueAfterSeconds);
    for (const r of rows) {
      // Touch the rows so the same ones are not re-enqueued again on every tick while their jobs wait.
      await touchQueuedRows(this.dataSource, r.id);
      await this.campaigns.enqueueFanout(r.id, r.dispatchEpoch);
      this.logger.warn(`campaign ${r.id}: re-enqueued work still waiting (dispatch round ${r.dispatchEpoch})`);
    }
    return rows.length;
  }

  /**
   * SMS and email done when every row is final and every carrier order is reported complete (or the window is
   * over); banner and radio when the campaign window has ended.
   */
  private completeFinished(): Promise<string[]> {
    // The status change and its audit events commit together.
    return this.campaignRows.transaction(async (m) => {
      const rows = await this.campaignRows.completeFinished(m);
      for (const r of rows) {
        await closePendingAmendments(m, r.id, 'completed');
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            organizationId: r.organizationId,
            action: 'campaign.complete',
            targetType: 'campaign',
            targetId: r.id,
            before: { status: 'running' },
            after: { status: 'completed' },
          },
          m,
        );
      }
      return rows.map((r) => r.id);
    });
  }
}
