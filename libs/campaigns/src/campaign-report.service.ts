import { Injectable } from '@nestjs/common';
import { AdminUnitMap, unitRef, type UnitRef, vietnamDay } from '@loa/admin-units';
import type { CampaignMode } from '@loa/common';
import { CampaignEntity } from '@loa/db';
import { RadioBroadcastReport } from '@loa/radio';
import { CarrierPausesRepository, CarrierRoutesRepository, DeferralKind, deferralKind } from '@loa/sms';
import { CampaignReportRepository, type CarrierOrderSummary } from './campaign-report.repository';
import { CampaignPlansRepository } from './campaigns.repository';
import { type RowCounters, emptyCounters } from './row-counters';

export type { RowCounters } from './row-counters';
export type { CarrierOrderSummary } from './campaign-report.repository';
interface CarrierExtras {
  segments: number;
  failedByReason: Record<string, number>;
  receiptsQueried: number;
  /** Messages handed over by the carrier's second route (failover). */
  viaSecondary: number;
}

/** A switch between a carrier's two routes while the campaign ran. */
export interface RouteSwitchSummary {
  carrierCode: string;
  from: 'primary' | 'secondary';
  to: 'primary' | 'secondary';
  reason: 'primary-failing' | 'primary-retry';
  /** How long the primary had failed (primary-failing), or the secondary had carried the carrier (primary-retry). */
  seconds: number;
  /** The primary's last error when it failed over. */
  error: string | null;
  detail: string;
  at: string;
}
export interface CarrierPauseSummary {
  carrierCode: string;
  reason: 'failure_rate';
  failures: number;
  windowSize: number;
  samples: Array<{ error: string; count: number }>;
  pausedAt: string;
  resumedAt: string | null;
}

export interface SmsWaitingSummary {
  carrierCode: string;
  reason: DeferralKind | 'other';
  rows: number;
  /** When the first of them may go (the next local day for a quota or cap). */
  until: string;
}

export interface CampaignReport {
  id: string;
  title: string;
  status: string;
  /** actual, exercise or test: a rehearsal's figures are its test list's, kept apart from real campaigns. */
  mode: CampaignMode;
  startsAt: string;
  endsAt: string;
  /** The units it is for, named as on its first day; empty: the organisation's province. */
  area: UnitRef[];
  channels: {
    sms?: RowCounters & {
      /** Segment-equivalents handed to carriers (a 3-part message counts 3): what the carriers bill. */
      segments: number;
      byCarrier: Record<string, RowCounters & CarrierExtras>;
      failedByReason: Record<string, number>;
      /** Messages whose receipt did not come in time, so the carrier was asked (a carrier losing receipts shows here). */
      receiptsQueried: number;
      carrierOrders: CarrierOrderSummary[];
      /** Carriers paused for this campaign by their failure rate, newest first (open: resumedAt null). */
      carrierPauses: CarrierPauseSummary[];
      /** Messages waiting for a later day by rule (a carrier's daily quota, the per-subscriber cap), per carrier. */
      waiting: SmsWaitingSummary[];
      /** Its carriers' switches between their routes from its launch to its end (failover and back), in order. */
      routeSwitches: RouteSwitchSummary[];
    };
    /** Agencies written to, by delivery status, and how many pressed "Xác nhận đã nhận". */
    email?: RowCounters & { acknowledged: number };
    banner?: { portals: number; served: number; clicked: number };
    radio?: { stations: number; pulled: number; confirmed: number; pending: number };
    /** Radio per station and slot (aired / missed / skipped / withdrawn / pending) and whether audio was made. */
    radioBroadcasts?: RadioBroadcastReport;
  };
}

/** Per-channel counters derived from delivery rows and banner stats (Postgres is the truth). */
@Injectable()
export class CampaignReportService {
  constructor(
    private readonly plans: CampaignPlansRepository,
    private readonly reports: CampaignReportRepository,
    private readonly units: AdminUnitMap,
    private readonly pauses: CarrierPausesRepository,
    private readonly routes: CarrierRoutesRepository,
  ) {}

  /** A campaign's area codes as units with their official names, read on the map of its first day. */
  area(codes: readonly string[], startsAt: Date | string): UnitRef[] {
    const day = vietnamDay(new Date(startsAt));
    return codes.map((code) => {
      const unit = this.units.unit(code, day);
      return unit ? unitRef(unit) : { code, name: code, level: 'commune' as const };
    });
  }

  async report(campaign: CampaignEntity): Promise<CampaignReport> {
    const plans = await this.plans.channels(campaign.id);
    const groups = await this.reports.deliveryCounts(campaign.id);
    const channels: CampaignReport['channels'] = {};
    const has = (c: string) => plans.includes(c);
    if (has('sms')) {
      const sms = {
        ...emptyCounters(),
        segments: 0,
        byCarrier: {} as Record<string, RowCounters & CarrierExtras>,
        failedByReason: {} as Record<string, number>,
        receiptsQueried: 0,
        carrierOrders: await this.reports.carrierOrders(campaign.id),
        waiting: waitingSummary(await this.reports.smsWaiting(campaign.id)),
        carrierPauses: (await this.pauses.forCampaign(campaign.id)).map((p): CarrierPauseSummary => ({
          carrierCode: p.carrierCode,
          reason: p.reason,
          failures: p.failures,
          windowSize: p.windowSize,
          samples: p.samples,
          pausedAt: p.pausedAt.toISOString(),
          resumedAt: p.resumedAt?.toISOString() ?? null,
        })),
        routeSwitches: [] as RouteSwitchSummary[],
      };
      const carrierOf = (code: string | null) =>
        (sms.byCarrier[code ?? '?'] ??= {
          ...emptyCounters(),
          segments: 0,
          failedByReason: {},
          receiptsQueried: 0,
          viaSecondary: 0,
        });
      for (const g of groups.filter((x) => x.channel === 'sms')) {
        add(sms, g.status, g.n);
        add(carrierOf(g.carrierCode), g.status, g.n);
      }
      for (const r of await this.reports.smsCosts(campaign.id)) {
        const carrier = carrierOf(r.carrierCode);
        carrier.segments += r.segments;
        sms.segments += r.segments;
        carrier.receiptsQueried += r.queried;
        sms.receiptsQueried += r.queried;
        carrier.viaSecondary += r.viaSecondary;
        if (r.reason) {
          carrier.failedByReason[r.reason] = (carrier.failedByReason[r.reason] ?? 0) + r.failed;
          sms.failedByReason[r.reason] = (sms.failedByReason[r.reason] ?? 0) + r.failed;
        }
      }
      // From its launch to its end (still running: up to now).
      sms.routeSwitches = (
        await this.routes.switchesBetween(
          Object.keys(sms.byCarrier),
          new Date(campaign.launchedAt ?? campaign.startsAt),
          campaign.finishedAt ? new Date(campaign.finishedAt) : null,
        )
      ).map((x) => ({
        carrierCode: x.carrierCode,
        from: x.from,
        to: x.to,
        reason: x.reason,
        seconds: x.seconds,
        error: x.error,
        detail: x.detail,
        at: x.switchedAt.toISOString(),
      }));
      channels.sms = sms;
    }
    if (has('email')) {
      const email = { ...emptyCounters(), acknowledged: await this.reports.acknowledgedEmails(campaign.id) };
      for (const g of groups.filter((x) => x.channel === 'email')) add(email, g.status, g.n);
      channels.email = email;
    }
    if (has('radio')) {
      const radio = groups.filter((x) => x.channel === 'radio');
      const n = (s: string) => radio.filter((g) => g.status === s).reduce((a, g) => a + g.n, 0);
      const stations = radio.reduce((a, g) => a + g.n, 0);
      channels.radio = {
        stations,
        pulled: n('pulled') + n('confirmed'),
        confirmed: n('confirmed'),
        pending: n('queued'),
      };
      channels.radioBroadcasts = (await this.reports.radioBroadcasts(campaign.id)) ?? undefined;
    }
    if (has('banner')) channels.banner = await this.reports.bannerTotals(campaign.id);
    return {
      id: campaign.id,
      title: campaign.title,
      status: campaign.status,
      mode: campaign.mode as CampaignMode,
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt.toISOString(),
      area: this.area(campaign.areaCodes, campaign.startsAt),
      channels,
    };
  }
}

/** Waiting rows by carrier and kind of reason (reasons read back with the send path's own rule). */
function waitingSummary(
  groups: Array<{ carrierCode: string | null; reason: string | null; rows: number; until: Date }>,
): SmsWaitingSummary[] {
  const byKey = new Map<string, SmsWaitingSummary>();
  for (const g of groups) {
    const reason = deferralKind(g.reason) ?? 'other';
    const carrierCode = g.carrierCode ?? '?';
    const key = `${carrierCode}\u0000${reason}`;
    const seen = byKey.get(key);
    const until = g.until.toISOString();
    if (!seen) byKey.set(key, { carrierCode, reason, rows: g.rows, until });
    else {
      seen.rows += g.rows;
      if (until < seen.until) seen.until = until;
    }
  }
  return [...byKey.values()].sort(
    (a, b) => a.carrierCode.localeCompare(b.carrierCode) || a.reason.localeCompare(b.reason),
  );
}

function add(c: RowCounters, status: string, n: number): void {
  c.total += n;
  if (status in c && status !== 'total') c[status as keyof RowCounters] += n;
}
