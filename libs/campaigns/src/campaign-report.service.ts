import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignEntity } from '@loa/db';
import { RadioBroadcastReport, radioBroadcastReport } from '@loa/radio';
import { type RowCounters, emptyCounters } from './row-counters';

export type { RowCounters } from './row-counters';
interface CarrierExtras {
  segments: number;
  failedByReason: Record<string, number>;
  receiptsQueried: number;
}
export interface CarrierOrderSummary {
  carrierCode: string;
  area: string;
  status: string;
  submitted: number;
  delivered: number;
  failed: number;
  lastReportAt: string | null;
}
export interface CampaignReport {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  endsAt: string;
  channels: {
    sms?: RowCounters & {
      /** Segment-equivalents handed to carriers (a 3-part message counts 3): what the carriers bill. */
      segments: number;
      byCarrier: Record<string, RowCounters & CarrierExtras>;
      failedByReason: Record<string, number>;
      /** Messages whose receipt did not come in time, so the carrier was asked (a carrier losing receipts shows here). */
      receiptsQueried: number;
      carrierOrders: CarrierOrderSummary[];
    };
    email?: RowCounters;
    banner?: { portals: number; served: number; clicked: number };
    radio?: { stations: number; pulled: number; confirmed: number; pending: number };
    /** Radio per station and slot (aired / missed / skipped / withdrawn / pending) and whether audio was made. */
    radioBroadcasts?: RadioBroadcastReport;
  };
}

/** Per-channel counters derived from delivery rows and banner stats (Postgres is the truth). */
@Injectable()
export class CampaignReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(campaign: CampaignEntity): Promise<CampaignReport> {
    const plans: Array<{ channel: string }> = await this.dataSource.query(
      `SELECT channel FROM channel_plans WHERE campaign_id = $1`,
      [campaign.id],
    );
    const groups: Array<{ channel: string; carrier_code: string | null; status: string; n: string }> =
      await this.dataSource.query(
        `SELECT channel, carrier_code, status, count(*) AS n FROM deliveries WHERE campaign_id = $1
          GROUP BY channel, carrier_code, status`,
        [campaign.id],
      );
    const channels: CampaignReport['channels'] = {};
    const has = (c: string) => plans.some((p) => p.channel === c);
    if (has('sms')) {
      const sms = {
        ...emptyCounters(),
        segments: 0,
        byCarrier: {} as Record<string, RowCounters & CarrierExtras>,
        failedByReason: {} as Record<string, number>,
        receiptsQueried: 0,
        carrierOrders: await this.orders(campaign.id),
      };
      const carrierOf = (code: string | null) =>
        (sms.byCarrier[code ?? '?'] ??= { ...emptyCounters(), segments: 0, failedByReason: {}, receiptsQueried: 0 });
      for (const g of groups.filter((x) => x.channel === 'sms')) {
        add(sms, g.status, Number(g.n));
        add(carrierOf(g.carrier_code), g.status, Number(g.n));
      }
      for (const r of await this.smsCosts(campaign.id)) {
        const carrier = carrierOf(r.carrier_code);
        carrier.segments += Number(r.segments);
        sms.segments += Number(r.segments);
        carrier.receiptsQueried += Number(r.queried);
        sms.receiptsQueried += Number(r.queried);
        if (r.reason) {
          carrier.failedByReason[r.reason] = (carrier.failedByReason[r.reason] ?? 0) + Number(r.failed);
          sms.failedByReason[r.reason] = (sms.failedByReason[r.reason] ?? 0) + Number(r.failed);
        }
      }
      channels.sms = sms;
    }
    if (has('email')) {
      const email = emptyCounters();
      for (const g of groups.filter((x) => x.channel === 'email')) add(email, g.status, Number(g.n));
      channels.email = email;
    }
    if (has('radio')) {
      const radio = groups.filter((x) => x.channel === 'radio');
      const n = (s: string) => radio.filter((g) => g.status === s).reduce((a, g) => a + Number(g.n), 0);
      const stations = radio.reduce((a, g) => a + Number(g.n), 0);
      channels.radio = {
        stations,
        pulled: n('pulled') + n('confirmed'),
        confirmed: n('confirmed'),
        pending: n('queued'),
      };
      channels.radioBroadcasts = (await radioBroadcastReport(this.dataSource, campaign.id)) ?? undefined;
    }
    if (has('banner')) {
      const [b]: Array<{ portals: string; served: string | null; clicked: string | null }> =
        await this.dataSource.query(
          `SELECT count(*) AS portals, sum(impressions) AS served, sum(clicks) AS clicked FROM banner_stats
          WHERE campaign_id = $1`,
          [campaign.id],
        );
      channels.banner = { portals: Number(b.portals), served: Number(b.served ?? 0), clicked: Number(b.clicked ?? 0) };
    }
    return {
      id: campaign.id,
      title: campaign.title,
      status: campaign.status,
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt.toISOString(),
      channels,
    };
  }

  /**
   * Per carrier: segment-equivalents handed over, and failures grouped by the carrier's reason code
   * (ESME_* for a refused submit, UNDELIV/EXPIRED/REJECTD… from receipts, Twilio's statuses).
   */
  private smsCosts(
    campaignId: string,
  ): Promise<
    Array<{ carrier_code: string | null; reason: string | null; segments: string; failed: string; queried: string }>
  > {
    return this.dataSource.query(
      `SELECT carrier_code,
              CASE WHEN status = 'failed'
                   THEN COALESCE(substring(last_error from '(ESME_[A-Z]+|UNDELIV|EXPIRED|REJECTD|DELETED|UNKNOWN|undelivered|failed)'), 'other')
              END AS reason,
              sum(parts) FILTER (WHERE sent_at IS NOT NULL) AS segments,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              count(*) FILTER (WHERE status_queried_at IS NOT NULL) AS queried
         FROM deliveries WHERE campaign_id = $1 AND channel = 'sms'
        GROUP BY 1, 2`,
      [campaignId],
    );
  }

  /** The counts carrier partners reported for their orders. */
  private async orders(campaignId: string): Promise<CarrierOrderSummary[]> {
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `SELECT carrier_code, area, status, submitted, delivered, failed, last_report_at FROM carrier_orders
        WHERE campaign_id = $1 ORDER BY carrier_code, area`,
      [campaignId],
    );
    return rows.map((r) => ({
      carrierCode: String(r.carrier_code),
      area: String(r.area),
      status: String(r.status),
      submitted: Number(r.submitted),
      delivered: Number(r.delivered),
      failed: Number(r.failed),
      lastReportAt: r.last_report_at ? new Date(r.last_report_at).toISOString() : null,
    }));
  }
}

function add(c: RowCounters, status: string, n: number): void {
  c.total += n;
  if (status in c && status !== 'total') c[status as keyof RowCounters] += n;
}
