import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignEntity, ChannelPlanEntity, DirectiveEntity } from '@loa/db';

/** What a batch of dispatch e-mails is written from: the campaign, its directive (with its original file) and its plan. */
export interface EmailBatchContext {
  campaign: CampaignEntity;
  directive: DirectiveEntity;
  plan: ChannelPlanEntity;
}

/** Whom an agency's dispatch is written to. */
export interface AgencyAddress {
  name: string;
  email: string;
}

/** The reads of the email send path: the batch's context and the agencies its rows are addressed to. */
@Injectable()
export class EmailBatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async context(campaignId: string): Promise<EmailBatchContext> {
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: campaignId });
    // With the original file's bytes: it goes out attached as received.
    const directive = await this.dataSource
      .getRepository(DirectiveEntity)
      .createQueryBuilder('d')
      .addSelect('d.originalBytes')
      .where('d.id = :id', { id: campaign.directiveId })
      .getOneOrFail();
    const plan = await this.dataSource
      .getRepository(ChannelPlanEntity)
      .findOneByOrFail({ campaignId: campaign.id, channel: 'email' });
    return { campaign, directive, plan };
  }

  /** The same context, or null when the campaign does not exist or has no e-mail channel. */
  async contextIfEmail(campaignId: string): Promise<EmailBatchContext | null> {
    const plan = await this.dataSource.getRepository(ChannelPlanEntity).findOneBy({ campaignId, channel: 'email' });
    return plan ? this.context(campaignId) : null;
  }

  /** The rows' agency codes. */
  async recipients(deliveryIds: string[]): Promise<Array<{ id: string; recipientKey: string }>> {
    const rows: Array<{ id: string; recipient_key: string }> = await this.dataSource.query(
      `SELECT id::text, recipient_key FROM deliveries WHERE id = ANY($1::bigint[]) AND channel = 'email'`,
      [deliveryIds],
    );
    return rows.map((r) => ({ id: r.id, recipientKey: r.recipient_key }));
  }

  /**
   * Name and address of the organisation's agencies the batch's rows name, by code, in one statement (an agency
   * since removed is absent).
   */
  async agenciesOf(organizationId: string, deliveryIds: string[]): Promise<Map<string, AgencyAddress>> {
    const rows: Array<{ code: string; name: string; email: string }> = await this.dataSource.query(
      `SELECT DISTINCT a.code, a.name, a.email
         FROM deliveries d JOIN agencies a ON a.organization_id = $1 AND a.code = d.recipient_key
        WHERE d.id = ANY($2::bigint[])`,
      [organizationId, deliveryIds],
    );
    return new Map(rows.map((a) => [a.code, { name: a.name, email: a.email }]));
  }
}
