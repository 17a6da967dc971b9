import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { dueFollowUp } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { MailTransport, dispatchMessageId } from '@loa/email';
import { OverdueStation, RadioBroadcastsRepository } from '@loa/radio';
import { CarrierOrdersRepository, CarrierPausesRepository, OpenCarrierPause, UnacknowledgedOrder } from '@loa/sms';
import {
  CampaignNoticeContext,
  OverdueClaim,
  OverdueFollowUpsRepository,
  OverdueKey,
  OverdueState,
  overdueKey,
  stepKey,
} from './overdue-follow-ups.repository';
import {
  RenderedNotice,
  renderCarrierPauseNotice,
  renderOrderEscalation,
  renderStationEscalation,
  renderStationReminder,
} from './render-overdue-notice';

export interface OverdueRun {
  reminded: number;
  escalated: number;
  /** Steps recorded with nobody to write to (a station without a contact, a campaign without owners). */
  noRecipient: number;
  failed: number;
  /** False when another worker was checking at the same moment. */
  checked: boolean;
}

interface Step extends OverdueClaim {
  organizationId: string;
  notice: RenderedNotice;
  /** What the audit event records besides the step. */
  about: Record<string, unknown>;
}

const NOTHING_YET: OverdueState = { reminders: 0, lastReminderAt: null, escalated: false };
const NO_CONTEXT: CampaignNoticeContext = { title: '', emergency: false, letter: '', owners: [] };

/**
 * Follows up work that is overdue outside e-mail. A station that has not pulled its script by its first slot, or
 * has missed a slot with none aired since, is reminded at once (its contact), again after the delay up to the
 * configured number of reminders, then the nearest station above it with a contact and the campaign's editor and
 * approver are told. A carrier order still open when its window starts is reported to the editor and approver, and
 * so is a carrier paused for a campaign by its failure rate (once per pause, with sample errors).
 * Each step is recorded and audited before its e-mail goes, under a cluster-wide lock, so two workers or a restart
 * never send one twice; a worker that dies mid-send leaves the step `unknown`.
 */
@Injectable()
export class OverdueFollowUps {
  private readonly logger = new Logger('overdue-follow-ups');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly followUps: OverdueFollowUpsRepository,
    private readonly broadcasts: RadioBroadcastsRepository,
    private readonly orders: CarrierOrdersRepository,
    private readonly pauses: CarrierPausesRepository,
    private readonly mail: MailTransport,
    private readonly audit: AuditService,
  ) {}

  async run(now = new Date()): Promise<OverdueRun> {
    await this.followUps.abandonStale(new Date(now.getTime() - this.config.delivery.sendingStaleSeconds * 1000));
    const claimed = await this.followUps.transaction(async (m) => {
      if (!(await this.followUps.tryLock(m))) return null;
      const stations = await this.broadcasts.overdueStations(now, this.config.radio.missedLookbackHours);
      const orders = await this.orders.unacknowledgedAfterStart(now);
      const paused = await this.pauses.open();
      const campaignIds = [...new Set([...stations, ...orders, ...paused].map((x) => x.campaignId))];
      const states = await this.followUps.states(m, campaignIds);
      const context = await this.followUps.noticeContext(campaignIds);
      const steps = [
        ...stations.map((s) => this.stationStep(s, states, context.get(s.campaignId) ?? NO_CONTEXT, now)),
        ...orders.map((o) => this.orderStep(o, states, context.get(o.campaignId) ?? NO_CONTEXT)),
        ...paused.map((p) => this.pauseStep(p, states, context.get(p.campaignId) ?? NO_CONTEXT)),
      ].filter((s): s is Step => s !== null);
      const ids = await this.followUps.claim(m, steps, now);
      const written = steps.flatMap((s) => {
        const id = ids.get(stepKey(s));
        return id ? [{ ...s, id }] : [];
      });
      for (const s of written)
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            organizationId: s.organizationId,
            action: `${s.subjectType}.overdue.${s.kind === 'reminder' ? 'remind' : 'escalate'}`,
            targetType: 'campaign',
            targetId: s.campaignId,
            after: { ...s.about, problem: s.problem, seq: s.seq, recipients: s.recipients },
          },
          m,
        );
      return written;
    });
    if (claimed === null) return { reminded: 0, escalated: 0, noRecipient: 0, failed: 0, checked: false };

    const run: OverdueRun = { reminded: 0, escalated: 0, noRecipient: 0, failed: 0, checked: true };
    for (const s of claimed) {
      if (s.recipients.length === 0) {
        run.noRecipient++;
        continue;
      }
      try {
        await this.mail.send({
          messageId: dispatchMessageId(`overdue-${s.id}`, s.campaignId, this.mail.from),
          from: this.mail.from,
          to: s.recipients.join(', '),
          subject: s.notice.subject,
          text: s.notice.text,
          html: s.notice.html,
          attachments: [],
          headers: { 'X-Loa-Campaign': s.campaignId, 'X-Loa-Follow-Up': `${s.problem}:${s.kind}` },
        });
        await this.followUps.finish([s.id], { sentAt: new Date() });
        if (s.kind === 'reminder') run.reminded++;
        else run.escalated++;
      } catch (e) {
        run.failed++;
        await this.followUps.finish([s.id], { error: (e as Error).message });
        this.logger.warn(`${s.problem} ${s.kind} ${s.seq} for ${s.subjectId} not sent: ${(e as Error).message}`);
      }
    }
    return run;
  }

  private stationStep(
    s: OverdueStation,
    states: Map<string, OverdueState>,
    campaign: CampaignNoticeContext,
    now: Date,
  ): Step | null {
    const cfg = this.config.overdue;
    const key: OverdueKey = {
      campaignId: s.campaignId,
      subjectType: 'station',
      subjectId: s.station.id,
      problem: s.problem,
    };
    const state = states.get(overdueKey(key)) ?? NOTHING_YET;
    const delaySeconds = s.emergency ? cfg.afterSeconds.emergency : cfg.afterSeconds.normal;
    const due = dueFollowUp(
      { since: s.since, ...state },
      { delaySeconds, maxReminders: cfg.maxReminders, firstAfterSeconds: 0 },
      now,
    );
    if (!due) return null;
    const input = {
      campaign: { title: campaign.title, letter: campaign.letter, emergency: s.emergency },
      problem: s.problem,
      station: { name: s.station.name, code: s.station.code },
      since: s.since,
    };
    const about = { station: s.station.code, since: s.since.toISOString() };
    if (due.kind === 'remind')
      return {
        ...key,
        organizationId: s.organizationId,
        kind: 'reminder',
        seq: due.seq,
        recipients: s.station.contactEmail ? [s.station.contactEmail] : [],
        notice: renderStationReminder({ ...input, seq: due.seq }),
        about,
      };
    return {
      ...key,
      organizationId: s.organizationId,
      kind: 'escalation',
      seq: 1,
      recipients: unique([...(s.above ? [s.above.contactEmail] : []), ...campaign.owners.map((o) => o.email)]),
      notice: renderStationEscalation({
        ...input,
        reminders: state.reminders,
        parentName: s.above?.name ?? s.parentName,
        consoleUrl: this.consoleUrl(s.campaignId),
      }),
      about: { ...about, above: s.above?.name ?? null },
    };
  }

  private orderStep(
    o: UnacknowledgedOrder,
    states: Map<string, OverdueState>,
    campaign: CampaignNoticeContext,
  ): Step | null {
    const key: OverdueKey = {
      campaignId: o.campaignId,
      subjectType: 'carrier_order',
      subjectId: o.id,
      problem: 'order_unacknowledged',
    };
    if ((states.get(overdueKey(key)) ?? NOTHING_YET).escalated) return null;
    return {
      ...key,
      organizationId: o.organizationId,
      kind: 'escalation',
      seq: 1,
      recipients: unique(campaign.owners.map((x) => x.email)),
      notice: renderOrderEscalation({
        campaign: { title: campaign.title, letter: campaign.letter, emergency: o.emergency },
        carrierName: o.carrierName,
        area: o.areaName,
        windowStart: o.windowStart,
        consoleUrl: this.consoleUrl(o.campaignId),
      }),
      about: { carrier: o.carrierCode, area: o.area, windowStart: o.windowStart.toISOString() },
    };
  }

  /** A carrier paused by its failure rate: the editor and approver are told once per pause, with sample errors. */
  private pauseStep(
    p: OpenCarrierPause,
    states: Map<string, OverdueState>,
    campaign: CampaignNoticeContext,
  ): Step | null {
    const key: OverdueKey = {
      campaignId: p.campaignId,
      subjectType: 'carrier_pause',
      subjectId: p.id,
      problem: 'carrier_auto_paused',
    };
    if ((states.get(overdueKey(key)) ?? NOTHING_YET).escalated) return null;
    return {
      ...key,
      organizationId: p.organizationId,
      kind: 'escalation',
      seq: 1,
      recipients: unique(campaign.owners.map((x) => x.email)),
      notice: renderCarrierPauseNotice({
        campaign: { title: campaign.title, letter: campaign.letter, emergency: p.emergency },
        carrierName: p.carrierName,
        failures: p.failures,
        windowSize: p.windowSize,
        samples: p.samples,
        pausedAt: p.pausedAt,
        consoleUrl: this.consoleUrl(p.campaignId),
      }),
      about: { carrier: p.carrierCode, failures: p.failures, window: p.windowSize },
    };
  }

  private consoleUrl(campaignId: string): string {
    return `${this.config.http.publicBaseUrl}/campaigns/${campaignId}`;
  }
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => a !== ''))];
}
