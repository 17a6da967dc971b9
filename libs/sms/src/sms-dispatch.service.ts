import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CarrierEntity, ChannelPlanEntity } from '@loa/db';
import { BatchRunner, BatchRunResult } from '@loa/delivery';
import type { SmsSendJob } from '@loa/queue';
import type { SmsProvider } from './providers';
import { renderForCarrier } from './render-for-carrier';

/** Sends one batch of SMS rows of one carrier through that carrier's provider. */
@Injectable()
export class SmsDispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: BatchRunner,
  ) {}

  async sendBatch(job: SmsSendJob, provider: SmsProvider): Promise<BatchRunResult> {
    const carrier = await this.dataSource.getRepository(CarrierEntity).findOneByOrFail({ code: job.carrierCode });
    const plan = await this.dataSource
      .getRepository(ChannelPlanEntity)
      .findOneByOrFail({ campaignId: job.campaignId, channel: 'sms' });
    const content = plan.content as { text: string; stripDiacritics?: boolean };
    const text = renderForCarrier(content.text, { stripDiacritics: content.stripDiacritics ?? false });
    return this.runner.run(
      job.campaignId,
      job.deliveryIds,
      (row) => provider.send({ msisdn: row.recipientKey, senderName: carrier.senderName, text }),
      { concurrency: 10, statusCheckEvery: 50 },
    );
  }
}
