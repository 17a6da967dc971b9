import { Injectable, Logger } from '@nestjs/common';
import { Actor, AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { isUuid } from '@loa/common';
import { SMS_TEST_JOB, SmsQueues, SmsTestJob, smsTestJobId } from '@loa/queue';
import type { SendOutcome } from '@loa/delivery';
import { CarrierRouter } from '../numbering';
import type { SmsProvider } from '../providers';
import { SmsBatchRepository } from '../sms-batch.repository';
import { testSmsText } from './test-sms-text';

/** Why a test SMS cannot be sent; `field` names what to fix (the API answers 422). */
export class SmsTestRefusedError extends Error {
  override name = 'SmsTestRefusedError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface SmsTestRequested {
  to: string;
  carrierCode: string;
  text: string;
  segments: number;
}

type SmsPlan = { text: string; stripDiacritics?: boolean };

/**
 * A one-off test of a campaign's SMS to the operator's own phone, before it goes to anyone: asked in the API (the
 * request is audited and queued on the carrier's own queue, one a minute per user and campaign), sent by the
 * worker that holds the carrier's connection. No delivery row; the outcome is audited; never retried (a test
 * that fails is asked for again by the person who wanted it).
 */
@Injectable()
export class SmsTestSends {
  private readonly logger = new Logger('sms-test');

  constructor(
    private readonly batches: SmsBatchRepository,
    private readonly router: CarrierRouter,
    private readonly queues: SmsQueues,
    private readonly audit: AuditService,
  ) {}

  /** Null when the campaign is not this organisation's or has no SMS plan. */
  async request(
    actor: Actor & { type: 'user' },
    campaignId: string,
    phone: string | null,
    requestId: string | null,
    now = new Date(),
  ): Promise<SmsTestRequested | null> {
    if (!isUuid(campaignId)) return null;
    const found = await this.batches.smsPlanIn(actor.organizationId, campaignId);
    if (!found) return null;
    if (!phone)
      throw new SmsTestRefusedError(
        'phone',
        'tài khoản của bạn chưa có số điện thoại: nhờ quản trị viên thêm / your account has no phone number: ask an admin to add it',
      );
    const carrierCode = this.router.route(phone);
    const carrier = carrierCode ? await this.batches.enabledCarrier(carrierCode) : null;
    if (!carrier)
      throw new SmsTestRefusedError(
        'phone',
        `không nhà mạng nào đang bật phục vụ số ${phone} / no enabled carrier serves ${phone}`,
      );
    const { text, segments } = testSmsText(found.plan.content as SmsPlan, found.campaign.mode);
    const jobId = smsTestJobId(campaignId, actor.id, now);
    const job: SmsTestJob = { campaignId, carrierCode: carrier.code, msisdn: phone, requestedBy: actor.id };
    await this.audit.record({
      actor,
      organizationId: actor.organizationId,
      action: 'campaign.test_sms',
      targetType: 'campaign',
      targetId: campaignId,
      after: { to: phone, carrier: carrier.code, segments, jobId },
      requestId,
    });
    await this.queues.forCarrier(carrier.code).add(SMS_TEST_JOB, job, { jobId, attempts: 1 });
    return { to: phone, carrierCode: carrier.code, text, segments };
  }

  /** In the worker: sends the test through the carrier's connection once and audits what the carrier answered. */
  async send(job: SmsTestJob, provider: SmsProvider): Promise<SendOutcome> {
    const { campaign, carrier, plan } = await this.batches.context(job.campaignId, job.carrierCode);
    const { text } = testSmsText(plan.content as SmsPlan, campaign.mode);
    const outcome = await provider
      .send({ msisdn: job.msisdn, senderName: carrier.senderName, text })
      .catch((e: unknown): SendOutcome => ({ kind: 'retry-later', error: (e as Error).message }));
    await this.audit.record({
      actor: SYSTEM_ACTOR,
      organizationId: campaign.organizationId,
      action: outcome.kind === 'accepted' ? 'campaign.test_sms.sent' : 'campaign.test_sms.failed',
      targetType: 'campaign',
      targetId: campaign.id,
      after: {
        to: job.msisdn,
        carrier: job.carrierCode,
        requestedBy: job.requestedBy,
        ...('error' in outcome ? { error: outcome.error } : {}),
      },
    });
    if (outcome.kind !== 'accepted') this.logger.warn(`test SMS for ${job.campaignId} not sent: ${outcome.kind}`);
    return outcome;
  }
}
