import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignEntity, CarrierEntity, ChannelPlanEntity, PreparedStatement } from '@loa/db';
import { optOutQueuedSms } from '@loa/delivery';
import { PauseState, pauseExpressions, pauseStateOf } from './auto-pause/carrier-pauses.repository';

/**
 * What a batch is sent with: its campaign, its carrier, the campaign's SMS plan and, read with them, whether the
 * carrier is paused for the campaign (absent when it could not be read in the same statement).
 */
export interface SmsBatchContext {
  campaign: CampaignEntity;
  carrier: CarrierEntity;
  plan: ChannelPlanEntity;
  pause?: PauseState;
}

/** Run for every chunk of rows claimed (prepared: see PreparedStatement). */
const TAKE_DAILY_SLOTS = new PreparedStatement<{ msisdn: string; count: number }>(
  'loa_take_daily_slots',
  `INSERT INTO subscriber_daily_counts (msisdn, day, count)
   SELECT m, $2, 1 FROM unnest($1::text[]) AS m
   ON CONFLICT (msisdn, day) DO UPDATE SET count = subscriber_daily_counts.count + 1
    WHERE subscriber_daily_counts.count < $3 OR $4
   RETURNING msisdn, count`,
);

/**
 * Takes up to $3 messages of a carrier's quota ($4) for a day, all of them when $5 (an emergency goes over it), from
 * a count that exists; answers nothing when the day has no count yet. One statement and no transaction: the row is
 * locked first (FOR UPDATE reads the latest count, waiting for a worker that holds it), the grant is worked out from
 * that count, and the UPDATE adds it to the row this statement holds. Run for every chunk of rows claimed.
 */
const TAKE_CARRIER_QUOTA = new PreparedStatement<{ granted: number; total: number }>(
  'loa_take_carrier_quota',
  `WITH locked AS MATERIALIZED (
     SELECT count FROM carrier_daily_counts WHERE carrier_code = $1 AND day = $2 FOR UPDATE),
   taken AS MATERIALIZED (
     SELECT count AS before,
            CASE WHEN $5::boolean THEN $3::int ELSE GREATEST(0, LEAST($3::int, $4::int - count)) END AS granted
       FROM locked),
   added AS (
     UPDATE carrier_daily_counts c SET count = c.count + g.granted FROM taken g
      WHERE c.carrier_code = $1 AND c.day = $2 AND g.granted > 0)
   SELECT granted, before + granted AS total FROM taken`,
);

/**
 * The SQL of the SMS send path outside the `deliveries` state machine (libs/delivery's): the batch's context,
 * numbers of the batch that opted out since fan-out, and the per-subscriber daily counts
 * (`subscriber_daily_counts`), taken and given back atomically.
 */
@Injectable()
export class SmsBatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async context(campaignId: string, carrierCode: string): Promise<SmsBatchContext> {
    // One statement: each batch starts with it, and a round trip is what costs on a busy machine.
    const pause = pauseExpressions(':carrierCode');
    const { entities, raw } = await this.dataSource
      .getRepository(CampaignEntity)
      .createQueryBuilder('c')
      .innerJoinAndMapOne('c.batchCarrier', CarrierEntity, 'k', 'k.code = :carrierCode', { carrierCode })
      .innerJoinAndMapOne('c.batchPlan', ChannelPlanEntity, 'p', 'p.campaignId = c.id AND p.channel = :channel', {
        channel: 'sms',
      })
      .addSelect(pause.open, 'pause_open')
      .addSelect(pause.resumes, 'pause_resumes')
      .where('c.id = :campaignId', { campaignId })
      .getRawAndEntities<{ pause_open: boolean | null; pause_resumes: number }>();
    const joined = entities[0];
    if (joined) {
      const {
        batchCarrier: carrier,
        batchPlan: plan,
        ...rest
      } = joined as CampaignEntity & {
        batchCarrier: CarrierEntity;
        batchPlan: ChannelPlanEntity;
      };
      return { campaign: Object.assign(new CampaignEntity(), rest), carrier, plan, pause: pauseStateOf(raw[0]) };
    }
    // Something is missing: the reads one by one, which name what (EntityNotFoundError).
    const [campaign, carrier, plan] = await Promise.all([
      this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: campaignId }),
      this.dataSource.getRepository(CarrierEntity).findOneByOrFail({ code: carrierCode }),
      this.dataSource.getRepository(ChannelPlanEntity).findOneByOrFail({ campaignId, channel: 'sms' }),
    ]);
    return { campaign, carrier, plan };
  }

  /** The campaign, if it is running (still sending), with its organisation: whom a pause is audited for. */
  async runningCampaign(campaignId: string): Promise<{ id: string; organizationId: string } | null> {
    const rows: Array<{ id: string; organization_id: string }> = await this.dataSource.query(
      `SELECT id, organization_id FROM campaigns WHERE id = $1 AND status = 'running'`,
      [campaignId],
    );
    return rows[0] ? { id: rows[0].id, organizationId: rows[0].organization_id } : null;
  }

  /** An organisation's campaign with its SMS plan, or null (unknown id, another organisation's, no SMS plan). */
  async smsPlanIn(
    organizationId: string,
    campaignId: string,
  ): Promise<{ campaign: CampaignEntity; plan: ChannelPlanEntity } | null> {
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneBy({ id: campaignId, organizationId });
    if (!campaign) return null;
    const plan = await this.dataSource.getRepository(ChannelPlanEntity).findOneBy({ campaignId, channel: 'sms' });
    return plan ? { campaign, plan } : null;
  }

  /** An enabled carrier by code, or null. */
  enabledCarrier(code: string): Promise<CarrierEntity | null> {
    return this.dataSource.getRepository(CarrierEntity).findOneBy({ code, enabled: true });
  }

  /**
   * Rows of the batch, still queued, whose number is on the opt-out list now become `opted_out` (libs/delivery's
   * transition): a number that opted out after fan-out is not sent to. Returns how many.
   */
  async skipOptedOut(deliveryIds: string[]): Promise<number> {
    const rows: Array<{ recipient_key: string }> = await this.dataSource.query(
      `SELECT d.recipient_key FROM deliveries d JOIN opt_outs o ON o.msisdn = d.recipient_key
        WHERE d.id = ANY($1::bigint[]) AND d.status = 'queued'`,
      [deliveryIds],
    );
    if (!rows.length) return 0;
    return optOutQueuedSms(
      this.dataSource,
      rows.map((r) => r.recipient_key),
      deliveryIds,
    );
  }

  /**
   * Takes one of each subscriber's messages for the local day, for a chunk of numbers in one statement: each number's
   * count after taking it, absent when its cap is reached (`overCap` lets an emergency go over it).
   */
  async takeDailySlots(msisdns: string[], day: string, cap: number, overCap: boolean): Promise<Map<string, number>> {
    if (!msisdns.length) return new Map();
    const taken = await TAKE_DAILY_SLOTS.run(this.dataSource, [msisdns, day, cap, overCap]);
    return new Map(taken.map((t) => [t.msisdn, Number(t.count)]));
  }

  /**
   * Takes up to `wanted` messages of a carrier's daily quota for `day`, across every worker (the day's row is
   * locked while counted); answers how many were granted and the day's count after. `overQuota` grants them all
   * (an emergency).
   */
  async takeCarrierQuota(
    carrierCode: string,
    day: string,
    wanted: number,
    quota: number,
    overQuota: boolean,
  ): Promise<{ granted: number; total: number }> {
    if (wanted <= 0) return { granted: 0, total: 0 };
    const args = [carrierCode, day, wanted, quota, overQuota];
    let [taken] = await TAKE_CARRIER_QUOTA.run(this.dataSource, args);
    if (!taken) {
      // The carrier's first take of the day makes its count at 0 (or finds the one another worker just made) and
      // takes from it like every other take: the grant's rule lives in TAKE_CARRIER_QUOTA alone.
      await this.dataSource.query(
        `INSERT INTO carrier_daily_counts (carrier_code, day, count) VALUES ($1, $2, 0)
         ON CONFLICT (carrier_code, day) DO NOTHING`,
        [carrierCode, day],
      );
      [taken] = await TAKE_CARRIER_QUOTA.run(this.dataSource, args);
    }
    if (!taken) throw new Error(`carrier ${carrierCode}: no daily count for ${day} after making it`);
    return { granted: Number(taken.granted), total: Number(taken.total) };
  }

  /** Messages each carrier has been handed on a local day (its daily quota's count), by carrier code. */
  async carrierCountsOn(day: string): Promise<Map<string, number>> {
    const rows: Array<{ carrier_code: string; count: number }> = await this.dataSource.query(
      `SELECT carrier_code, count FROM carrier_daily_counts WHERE day = $1`,
      [day],
    );
    return new Map(rows.map((r) => [r.carrier_code, Number(r.count)]));
  }

  /** Gives `n` messages of the quota back when they were not handed to the carrier after all. */
  async giveBackCarrierQuota(carrierCode: string, day: string, n = 1): Promise<void> {
    if (n <= 0) return;
    await this.dataSource.query(
      `UPDATE carrier_daily_counts SET count = GREATEST(0, count - $3) WHERE carrier_code = $1 AND day = $2`,
      [carrierCode, day, n],
    );
  }

  /** Gives a slot back when the message was not handed to the carrier after all. */
  async giveBackDailySlot(msisdn: string, day: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE subscriber_daily_counts SET count = count - 1 WHERE msisdn = $1 AND day = $2 AND count > 0`,
      [msisdn, day],
    );
  }
}
