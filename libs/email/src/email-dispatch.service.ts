import { Injectable } from '@nestjs/common';
import { BatchRunner, BatchRunResult, SendOutcome } from '@loa/delivery';
import type { SendBatchJob } from '@loa/queue';
import { AcknowledgementService } from './acknowledgements/acknowledgement.service';
import { EmailBatchRepository } from './email-batch.repository';
import { MailTransport } from './mail-transport';
import { renderDispatch } from './render-dispatch';

/** Sends one batch of dispatch e-mails (one per agency row). */
@Injectable()
export class EmailDispatchService {
  constructor(
    private readonly batches: EmailBatchRepository,
    private readonly runner: BatchRunner,
    private readonly mail: MailTransport,
    private readonly acks: AcknowledgementService,
  ) {}

  async sendBatch(job: SendBatchJob): Promise<BatchRunResult> {
    const { campaign, directive, plan } = await this.batches.context(job.campaignId);
    const agencies = await this.batches.agenciesOf(campaign.organizationId, job.deliveryIds);
    return this.runner.run(
      job.campaignId,
      job.deliveryIds,
      async (row) => {
        const agency = agencies.get(row.recipientKey);
        if (!agency) return { kind: 'rejected', error: `agency ${row.recipientKey} no longer in the directory` };
        const fields = directive.fields as {
          signer?: { name: string | null; title: string | null } | null;
          issuer?: string | null;
          date?: { year: number; month: number | null; day: number | null } | null;
        };
        const rendered = renderDispatch({
          subject: directive.subject,
          documentCode: directive.documentCode,
          issuer: fields.issuer ?? null,
          campaignTitle: campaign.title,
          agencyName: agency.name,
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
          ackUrl: this.acks.linkFor(row.id, campaign.endsAt),
        });
        return this.deliver(agency.email, rendered, campaign.id, row.id);
      },
      { concurrency: 2, statusCheckEvery: 20 },
    );
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
