import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { dueFollowUp } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { EmailDispatchService, dispatchMessageId } from '../email-dispatch.service';
import { MailTransport } from '../mail-transport';
import { AcknowledgementsRepository, FollowUpClaim, SilentDispatch } from './acknowledgements.repository';
import { renderEscalation } from './render-escalation';

export interface FollowUpRun {
  reminded: number;
  escalated: number;
  failed: number;
  /** False when another worker was checking at the same moment. */
  checked: boolean;
}

/**
 * Reminds agencies that have not acknowledged a dispatch and, after the last reminder, tells the campaign's editor
 * and approver who is still silent. Each step is written (and audited) before its e-mail goes, under a cluster-wide
 * lock, so two workers or a restart never send one twice; a worker that dies mid-send leaves the step `unknown`.
 */
@Injectable()
export class AcknowledgementFollowUps {
  private readonly logger = new Logger('acknowledgement-follow-ups');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly acks: AcknowledgementsRepository,
    private readonly dispatch: EmailDispatchService,
    private readonly mail: MailTransport,
    private readonly audit: AuditService,
  ) {}

  async run(now = new Date()): Promise<FollowUpRun> {
    const cfg = this.config.acknowledgements;
    await this.acks.abandonStaleFollowUps(new Date(now.getTime() - this.config.delivery.sendingStaleSeconds * 1000));
    const claimed = await this.acks.transaction(async (m) => {
      if (!(await this.acks.tryFollowUpLock(m))) return null;
      const silent = await this.acks.silent(m, now, cfg.linkValidDaysAfterEnd);
      const claims: Array<FollowUpClaim & { dispatch: SilentDispatch }> = [];
      const escalation = (s: SilentDispatch) => ({
        ...base(s),
        kind: 'escalation' as const,
        seq: 1,
        noticeKey: `escalation:${s.campaignId}:${now.toISOString()}`,
      });
      for (const s of silent) {
        const delaySeconds = s.emergency ? cfg.remindAfterSeconds.emergency : cfg.remindAfterSeconds.normal;
        const due = dueFollowUp({ ...s, since: s.sentAt }, { delaySeconds, maxReminders: cfg.maxReminders }, now);
        if (!due) continue;
        claims.push(
          due.kind === 'remind'
            ? { ...base(s), kind: 'reminder', seq: due.seq, noticeKey: `reminder:${s.deliveryId}:${due.seq}` }
            : escalation(s),
        );
      }
      // One escalation a campaign names every agency already reminded in full, not only those whose delay ran out
      // this very check: agencies e-mailed milliseconds apart must not split the owners' notice in two.
      const escalating = new Set(claims.filter((c) => c.kind === 'escalation').map((c) => c.campaignId));
      for (const s of silent)
        if (
          escalating.has(s.campaignId) &&
          !s.escalated &&
          s.reminders >= cfg.maxReminders &&
          !claims.some((c) => c.deliveryId === s.deliveryId)
        )
          claims.push(escalation(s));
      const ids = await this.acks.claimFollowUps(m, claims, now);
      const written = claims.flatMap((c) => {
        const id = ids.get(`${c.deliveryId}:${c.kind}`);
        return id ? [{ ...c, id }] : [];
      });
      for (const c of written) {
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            organizationId: c.dispatch.organizationId,
            action: c.kind === 'reminder' ? 'email.acknowledgement.remind' : 'email.acknowledgement.escalate',
            targetType: 'campaign',
            targetId: c.campaignId,
            after: { deliveryId: c.deliveryId, seq: c.seq },
          },
          m,
        );
      }
      return written;
    });
    if (claimed === null) return { reminded: 0, escalated: 0, failed: 0, checked: false };

    let failed = 0;
    let reminded = 0;
    for (const r of claimed.filter((c) => c.kind === 'reminder')) {
      try {
        await this.dispatch.sendReminder({ ...r, firstSentAt: r.dispatch.sentAt });
        await this.acks.finishFollowUps([r.id], { sentAt: new Date() });
        reminded++;
      } catch (e) {
        failed++;
        await this.acks.finishFollowUps([r.id], { error: (e as Error).message });
        this.logger.warn(`reminder ${r.seq} of delivery ${r.deliveryId} not sent: ${(e as Error).message}`);
      }
    }
    const escalations = claimed.filter((c) => c.kind === 'escalation');
    let escalated = 0;
    for (const campaignId of [...new Set(escalations.map((e) => e.campaignId))]) {
      const rows = escalations.filter((e) => e.campaignId === campaignId);
      try {
        await this.escalate(campaignId, rows);
        await this.acks.finishFollowUps(
          rows.map((r) => r.id),
          { sentAt: new Date() },
        );
        escalated += rows.length;
      } catch (e) {
        failed += rows.length;
        await this.acks.finishFollowUps(
          rows.map((r) => r.id),
          { error: (e as Error).message },
        );
        this.logger.warn(`escalation for campaign ${campaignId} not sent: ${(e as Error).message}`);
      }
    }
    return { reminded, escalated, failed, checked: true };
  }

  private async escalate(campaignId: string, rows: Array<{ id: string; deliveryId: string }>): Promise<void> {
    const owners = await this.acks.owners(campaignId);
    if (owners.length === 0) throw new Error('the campaign has no editor or approver to tell');
    const agencies = (await this.acks.forCampaign(campaignId)).filter((a) =>
      rows.some((r) => r.deliveryId === a.deliveryId),
    );
    const first = await this.acks.dispatch(rows[0].deliveryId);
    const rendered = renderEscalation({
      campaignTitle: first?.campaignTitle ?? campaignId,
      letter: [first?.documentCode ? `số ${first.documentCode}` : null, first?.subject].filter(Boolean).join(' — '),
      consoleUrl: `${this.config.http.publicBaseUrl}/campaigns/${campaignId}`,
      agencies: agencies.map((a) => ({
        name: a.agencyName ?? a.agencyCode,
        email: a.email,
        sentAt: a.sentAt ?? new Date(0),
        reminders: a.reminders,
      })),
    });
    await this.mail.send({
      messageId: dispatchMessageId(`escalation-${rows[0].id}`, campaignId, this.mail.from),
      from: this.mail.from,
      to: owners.map((o) => `${o.name} <${o.email}>`).join(', '),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: [],
      headers: { 'X-Loa-Campaign': campaignId, 'X-Loa-Escalation': 'acknowledgements' },
    });
  }
}

function base(s: SilentDispatch) {
  return { deliveryId: s.deliveryId, campaignId: s.campaignId, dispatch: s };
}
