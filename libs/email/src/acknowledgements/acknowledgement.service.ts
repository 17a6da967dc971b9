import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { AckPage } from './ack-page';
import { ackLinkExpiry, signAckToken, verifyAckToken } from './ack-token';
import {
  AcknowledgementsRepository,
  AgencyAcknowledgement,
  DispatchForAcknowledgement,
} from './acknowledgements.repository';

export type { AgencyAcknowledgement } from './acknowledgements.repository';

/** Where an acknowledgement came from, kept with it. */
export interface AcknowledgementSource {
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** "Công văn số 1163/STTTT-TTBCBC: V/v …", or the campaign's title when the letter has no code. */
function letterLabel(d: { documentCode: string | null; subject: string | null; campaignTitle: string }): string {
  const subject = (d.subject ?? d.campaignTitle).replace(/^\s*V\/v\s*/iu, '').trim();
  return d.documentCode ? `số ${d.documentCode} — V/v ${subject}` : `V/v ${subject}`;
}

/**
 * Agencies' acknowledgements of the dispatch e-mail: the signed link each e-mail carries, the page it opens (GET
 * shows, POST records: mail gateways open every link in a message to scan it, and must not acknowledge for the
 * agency), and the campaign's list of who acknowledged and when.
 */
@Injectable()
export class AcknowledgementService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly acks: AcknowledgementsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The link for one agency's e-mail (the same for every resend). */
  linkFor(deliveryId: string, campaignEndsAt: Date): string {
    const expiresAt = ackLinkExpiry(campaignEndsAt, this.config.acknowledgements.linkValidDaysAfterEnd);
    const token = signAckToken({ deliveryId, expiresAt }, this.config.acknowledgements.linkSecret);
    return `${this.config.http.publicBaseUrl}/ack/${token}`;
  }

  /** What the link shows before the agency confirms (nothing is recorded). */
  async open(token: string, now = new Date()): Promise<AckPage> {
    const found = await this.resolve(token, now);
    if (found.kind !== 'valid') return found.page;
    const d = found.dispatch;
    return d.acknowledgedAt ? this.acknowledgedPage(token, d, d.acknowledgedAt, false) : this.confirmPage(token, d);
  }

  /** Records the acknowledgement (once: a second click shows the first time) and audits it. */
  async acknowledge(token: string, source: AcknowledgementSource, now = new Date()): Promise<AckPage> {
    const found = await this.resolve(token, now);
    if (found.kind !== 'valid') return found.page;
    const d = found.dispatch;
    const result = await this.acks.transaction(async (m) => {
      const r = await this.acks.acknowledge(m, d, source);
      if (r.first) {
        await this.audit.record(
          {
            actor: { type: 'partner', kind: 'agency', id: `agency:${d.agencyCode}`, organizationId: d.organizationId },
            organizationId: d.organizationId,
            action: 'email.acknowledge',
            targetType: 'campaign',
            targetId: d.campaignId,
            after: { agencyCode: d.agencyCode, deliveryId: d.deliveryId, clientIp: source.clientIp },
            requestId: source.requestId,
          },
          m,
        );
      }
      return r;
    });
    return this.acknowledgedPage(token, d, result.acknowledgedAt, result.first);
  }

  forCampaign(campaignId: string): Promise<AgencyAcknowledgement[]> {
    return this.acks.forCampaign(campaignId);
  }

  countForCampaign(campaignId: string): Promise<number> {
    return this.acks.countForCampaign(campaignId);
  }

  private async resolve(
    token: string,
    now: Date,
  ): Promise<{ kind: 'valid'; dispatch: DispatchForAcknowledgement } | { kind: 'page'; page: AckPage }> {
    const check = verifyAckToken(token, this.config.acknowledgements.linkSecret, now);
    if (!check.ok && check.reason !== 'expired') return { kind: 'page', page: { kind: 'invalid' } };
    const dispatch = await this.acks.dispatch(check.deliveryId);
    if (!dispatch) return { kind: 'page', page: { kind: 'invalid' } };
    if (!check.ok)
      return { kind: 'page', page: { kind: 'expired', letter: letterLabel(dispatch), expiredAt: check.expiresAt } };
    return { kind: 'valid', dispatch };
  }

  private confirmPage(token: string, d: DispatchForAcknowledgement): AckPage & { kind: 'confirm' | 'acknowledged' } {
    return {
      kind: 'confirm',
      agencyName: d.agencyName ?? d.agencyCode,
      letter: letterLabel(d),
      issuer: d.issuer,
      acknowledgedAt: null,
      justNow: false,
      formAction: `/ack/${token}`,
    };
  }

  private acknowledgedPage(token: string, d: DispatchForAcknowledgement, at: Date, justNow: boolean): AckPage {
    return { ...this.confirmPage(token, d), kind: 'acknowledged', acknowledgedAt: at, justNow };
  }
}
