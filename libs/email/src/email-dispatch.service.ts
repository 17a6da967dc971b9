import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@loa/audit';
import { isUuid } from '@loa/common';
import {
  BatchRunResult,
  BatchRunner,
  DeliveriesRepository,
  SendOutcome,
  SendWindow,
  TEST_EMAIL_KEY_PREFIX,
} from '@loa/delivery';
import type { SendBatchJob } from '@loa/queue';
import { AcknowledgementService } from './acknowledgements/acknowledgement.service';
import { EmailBatchContext, EmailBatchRepository } from './email-batch.repository';
import { MailTransport } from './mail-transport';
import { DispatchInput, renderDispatch } from './render-dispatch';

/** Sends one batch of dispatch e-mails (one per agency row). */
@Injectable()
export class EmailDispatchService {
  /**
   * The process's rows in flight to the SMTP server, shared by the batches it runs at once (EMAIL_BATCHES_AT_ONCE):
   * while one batch starts or drains, the other keeps the pool's connections busy, and a killed worker leaves at
   * most one window of rows `unknown`, however many batches were running.
   */
  private readonly window: SendWindow;

  constructor(
    private readonly batches: EmailBatchRepository,
    private readonly runner: BatchRunner,
    private readonly mail: MailTransport,
    private readonly acks: AcknowledgementService,
    private readonly audit: AuditService,
    private readonly deliveries: DeliveriesRepository,
  ) {
    this.window = new SendWindow(mail.window);
  }

  /** Sends one batch; before the campaign starts it sends nothing and answers when to run again (`deferUntil`). */
  async sendBatch(job: SendBatchJob, now: Date = new Date()): Promise<BatchRunResult> {
    const deliveryIds = await this.deliveries.idsOfBatch(job.campaignId, 'email', null, job);
    const compose = await this.composer(job.campaignId, deliveryIds);
    return this.runner.run(
      job.campaignId,
      deliveryIds,
      async (row) => {
        const mail = compose(row.id, row.recipientKey, null);
        if (!mail) return { kind: 'rejected', error: `agency ${row.recipientKey} no longer in the directory` };
        return this.deliver(mail.to, mail.rendered, job.campaignId, row.id);
      },
      { window: this.window, stores: this.mail.storeGrouping, statusCheckEvery: 20 },
      now,
    );
  }

  /**
   * Sends the dispatch again as reminder `seq` (same letter, same link, "[Nhắc lần N]"); throws when the agency is
   * gone or the server refuses it. Its Message-ID is its own, so mail systems keep it apart from the first.
   */
  async sendReminder(r: { campaignId: string; deliveryId: string; seq: number; firstSentAt: Date }): Promise<void> {
    const [row] = await this.batches.recipients([r.deliveryId]);
    const compose = await this.composer(r.campaignId, [r.deliveryId]);
    const mail = row && compose(r.deliveryId, row.recipientKey, { number: r.seq, firstSentAt: r.firstSentAt });
    if (!mail) throw new Error(`agency of delivery ${r.deliveryId} no longer in the directory`);
    await this.mail.send({
      messageId: dispatchMessageId(`${r.deliveryId}-reminder-${r.seq}`, r.campaignId, this.mail.from),
      from: this.mail.from,
      to: mail.to,
      subject: mail.rendered.subject,
      text: mail.rendered.text,
      html: mail.rendered.html,
      attachments: [mail.rendered.attachment],
      headers: { 'X-Loa-Campaign': r.campaignId, 'X-Loa-Delivery': r.deliveryId, 'X-Loa-Reminder': String(r.seq) },
    });
  }

  /**
   * A one-off test of the campaign's dispatch to the operator themself, before it goes to anyone: the same letter,
   * attachment and text as an agency would get, marked "[THỬ]", with no acknowledgement link and no delivery row.
   * Null when the campaign is not this organisation's or has no e-mail channel.
   */
  async sendTest(
    actor: Actor & { type: 'user' },
    campaignId: string,
    to: { name: string; email: string },
    requestId: string | null,
  ): Promise<{ messageId: string; subject: string } | null> {
    if (!isUuid(campaignId)) return null;
    const context = await this.batches.contextIfEmail(campaignId);
    if (!context || context.campaign.organizationId !== actor.organizationId) return null;
    const { campaign } = context;
    const rendered = renderDispatch(
      dispatchInputOf(context, { agencyName: `${to.name} (thư thử / test)`, ackUrl: null, reminder: null }),
    );
    const subject = `[THỬ] ${rendered.subject}`;
    const { messageId } = await this.mail.send({
      messageId: dispatchMessageId(`test-${Date.now()}`, campaign.id, this.mail.from),
      from: this.mail.from,
      to: `${to.name} <${to.email}>`,
      subject,
      text: rendered.text,
      html: rendered.html,
      attachments: [rendered.attachment],
      headers: { 'X-Loa-Campaign': campaign.id, 'X-Loa-Test': 'true' },
    });
    await this.audit.record({
      actor,
      organizationId: actor.organizationId,
      action: 'campaign.test_email',
      targetType: 'campaign',
      targetId: campaign.id,
      after: { to: to.email, messageId },
      requestId,
    });
    return { messageId, subject };
  }

  /** Renders one agency's e-mail of the campaign (its own acknowledgement link); null when the agency is gone. */
  private async composer(campaignId: string, deliveryIds: string[]) {
    const context = await this.batches.context(campaignId);
    const agencies = await this.batches.agenciesOf(context.campaign.organizationId, deliveryIds);
    return (deliveryId: string, recipientKey: string, reminder: DispatchInput['reminder']) => {
      const agency = agencies.get(recipientKey) ?? testRecipient(recipientKey);
      if (!agency) return null;
      const ackUrl = this.acks.linkFor(deliveryId, context.campaign.endsAt);
      const rendered = renderDispatch(dispatchInputOf(context, { agencyName: agency.name, ackUrl, reminder }));
      return { to: agency.email, rendered };
    };
  }

  private async deliver(
    to: string,
    r: ReturnType<typeof renderDispatch>,
    campaignId: string,
    deliveryId: string,
  ): Promise<SendOutcome> {
    try {
      const { messageId } = await this.mail.send({
        messageId: dispatchMessageId(deliveryId, campaignId, this.mail.from),
        from: this.mail.from,
        to,
        subject: r.subject,
        text: r.text,
        html: r.html,
        attachments: [r.attachment],
        headers: { 'X-Loa-Campaign': campaignId, 'X-Loa-Delivery': deliveryId },
      });
      return { kind: 'accepted', providerMessageId: messageId, final: true };
    } catch (e) {
      return classifySmtpError(e);
    }
  }
}

/** A rehearsal's row is keyed by its test address: written to as "Người nhận thử nghiệm". */
function testRecipient(recipientKey: string): { name: string; email: string } | null {
  if (!recipientKey.startsWith(TEST_EMAIL_KEY_PREFIX)) return null;
  return { name: 'Người nhận thử nghiệm / Test recipient', email: recipientKey.slice(TEST_EMAIL_KEY_PREFIX.length) };
}

/**
 * One Message-ID per dispatch, the same on every attempt: when a connection drops after the message was sent but
 * before the server answered, the retry carries the same Message-ID and mail systems that see it twice keep one.
 */
export function dispatchMessageId(deliveryId: string, campaignId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'loa.local';
  return `<loa-${campaignId}-${deliveryId}@${domain}>`;
}

/** 5xx: the server refused this message for good. 4xx or no connection: it was not accepted, try later. */
export function classifySmtpError(e: unknown): SendOutcome {
  const err = e as { responseCode?: number; code?: string; message?: string };
  const message = `${err.code ?? 'SMTP'}: ${err.message ?? String(e)}`;
  if (typeof err.responseCode === 'number' && err.responseCode >= 500) return { kind: 'rejected', error: message };
  return { kind: 'retry-later', error: message };
}

/** What the dispatch e-mail says for one recipient of the campaign: the letter as read, and the recipient's part. */
function dispatchInputOf(
  { campaign, directive, plan }: EmailBatchContext,
  recipient: Pick<DispatchInput, 'agencyName' | 'ackUrl' | 'reminder'>,
): DispatchInput {
  const fields = directive.fields as {
    signer?: { name: string | null; title: string | null } | null;
    issuer?: string | null;
    date?: { year: number; month: number | null; day: number | null } | null;
  };
  return {
    subject: directive.subject,
    documentCode: directive.documentCode,
    issuer: fields.issuer ?? null,
    campaignTitle: campaign.title,
    message: ((plan.content as { message?: string }).message ?? null) || null,
    directiveText: directive.rawText,
    signer: fields.signer ?? null,
    date: fields.date ?? null,
    original:
      directive.originalBytes && directive.originalMediaType
        ? {
            content: directive.originalBytes,
            mediaType: directive.originalMediaType,
            fileName: directive.originalFileName,
          }
        : null,
    mode: campaign.mode,
    ...recipient,
  };
}
