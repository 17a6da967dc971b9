import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RadioBroadcastReport, radioBroadcastReport } from '@loa/radio';
import { BannerTotals, bannerTotals } from '@loa/banner';
import { acknowledgedCount } from '@loa/email';
import { CarrierOrderSummary, carrierOrderSummaries, SECONDARY_ID_PREFIX } from '@loa/sms';

export type { BannerTotals } from '@loa/banner';
export type { CarrierOrderSummary } from '@loa/sms';

/** Delivery rows of a campaign counted by channel, carrier and status. */
export interface DeliveryCount {
  channel: string;
  carrierCode: string | null;
  status: string;
  n: number;
}

/** SMS per carrier and failure reason: segment-equivalents handed over, failures, receipts asked for. */
export interface SmsCost {
  carrierCode: string | null;
  /** The carrier's reason code of failed rows (null for the rows that did not fail). */
  reason: string | null;
  segments: number;
  failed: number;
  queried: number;
  /** Messages handed over by the carrier's second route (their stored ids carry its prefix). */
  viaSecondary: number;
}

/** The counts a carrier partner reported for one order. */
/**
 * The reads behind a campaign's report: delivery rows counted (by channel, carrier, status, failure reason),
 * carrier orders' reported counts, banner stats and the radio broadcasts report (libs/radio's). Writes nothing.
 */
@Injectable()
export class CampaignReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deliveryCounts(campaignId: string): Promise<DeliveryCount[]> {
    const rows: Array<{ channel: string; carrier_code: string | null; status: string; n: string }> =
      await this.dataSource.query(
        `SELECT channel, carrier_code, status, count(*) AS n FROM deliveries WHERE campaign_id = $1
          GROUP BY channel, carrier_code, status`,
        [campaignId],
      );
    return rows.map((r) => ({ channel: r.channel, carrierCode: r.carrier_code, status: r.status, n: Number(r.n) }));
  }

  /**
   * Per carrier: segment-equivalents handed over, and failures grouped by the carrier's reason code
   * (ESME_* for a refused submit, UNDELIV/EXPIRED/REJECTD… from receipts, Twilio's statuses).
   */
  /** SMS rows waiting for a later time (`not_before` ahead), by carrier and reason as written, with the earliest. */
  async smsWaiting(
    campaignId: string,
  ): Promise<Array<{ carrierCode: string | null; reason: string | null; rows: number; until: Date }>> {
    const rows: Array<{ carrier_code: string | null; last_error: string | null; n: string; until: Date }> =
      await this.dataSource.query(
        `SELECT carrier_code, last_error, count(*) AS n, min(not_before) AS until
           FROM deliveries
          WHERE campaign_id = $1 AND channel = 'sms' AND status = 'queued' AND not_before > now()
          GROUP BY 1, 2`,
        [campaignId],
      );
    return rows.map((r) => ({
      carrierCode: r.carrier_code,
      reason: r.last_error,
      rows: Number(r.n),
      until: new Date(r.until),
    }));
  }

  async smsCosts(campaignId: string): Promise<SmsCost[]> {
    const rows: Array<{
      carrier_code: string | null;
      reason: string | null;
      segments: string | null;
      failed: string;
      queried: string;
      via_secondary: string;
    }> = await this.dataSource.query(
      `SELECT carrier_code,
              CASE WHEN status = 'failed'
                   THEN COALESCE(substring(last_error from '(ESME_[A-Z]+|UNDELIV|EXPIRED|REJECTD|DELETED|UNKNOWN|undelivered|failed)'), 'other')
              END AS reason,
              sum(parts) FILTER (WHERE sent_at IS NOT NULL) AS segments,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              count(*) FILTER (WHERE status_queried_at IS NOT NULL) AS queried,
              count(*) FILTER (WHERE starts_with(provider_message_id, $2)) AS via_secondary
         FROM deliveries WHERE campaign_id = $1 AND channel = 'sms'
        GROUP BY 1, 2`,
      [campaignId, SECONDARY_ID_PREFIX],
    );
    return rows.map((r) => ({
      carrierCode: r.carrier_code,
      reason: r.reason,
      segments: Number(r.segments),
      failed: Number(r.failed),
      queried: Number(r.queried),
      viaSecondary: Number(r.via_secondary),
    }));
  }

  /** The counts carrier partners reported for the campaign's orders (libs/sms owns the table). */
  carrierOrders(campaignId: string): Promise<CarrierOrderSummary[]> {
    return carrierOrderSummaries(this.dataSource, campaignId);
  }

  /** Banner figures over all the campaign's portals (libs/banner owns the table). */
  acknowledgedEmails(campaignId: string): Promise<number> {
    return acknowledgedCount(this.dataSource, campaignId);
  }

  bannerTotals(campaignId: string): Promise<BannerTotals> {
    return bannerTotals(this.dataSource, campaignId);
  }

  /** Radio per station and slot (libs/radio computes it); null when the campaign has no radio plan. */
  radioBroadcasts(campaignId: string): Promise<RadioBroadcastReport | null> {
    return radioBroadcastReport(this.dataSource, campaignId);
  }
}
