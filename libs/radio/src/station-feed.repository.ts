import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Queryable, StationEntity } from '@loa/db';
import { markRadioConfirmed, markRadioPulled } from '@loa/delivery';
import type { StoredDirectiveFields } from './script-source';

/** A station of a relay chain (the station itself, its parent, grandparent…). */
export interface ChainStation {
  id: string;
  code: string;
  name: string;
  region: string | null;
  broadcastSlots: unknown;
  timeZone: string;
}

/** A script in a station's feed: its campaign, radio plan, directive, organisation and revisions. */
export interface FeedScriptRecord {
  campaignId: string;
  title: string;
  status: 'running' | 'paused' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  launchedAt: Date | null;
  finishedAt: Date | null;
  content: unknown;
  emergency: boolean | null;
  /** actual, exercise or test: a rehearsal reaches stations marked so that nobody airs it. */
  mode: string;
  fields: StoredDirectiveFields | null;
  documentCode: string | null;
  orgCode: string;
  orgName: string;
  /** Amendments (revision 2, 3 …) with when each was made. */
  revisions: Array<{ revision: number; at: string }> | null;
}

/** The station's delivery row of a launched campaign, which a broadcast report confirms. */
export interface BroadcastTarget {
  deliveryId: string;
  campaignStatus: string;
  finishedAt: Date | null;
}

/**
 * What station feeds read: stations and their relay chain, the scripts a station receives (its delivery rows of
 * running, paused and recently cancelled campaigns, with plans, directives and revisions). The delivery
 * transitions a pull or a broadcast report makes are libs/delivery's, called from here.
 */
@Injectable()
export class StationFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one database transaction; repositories given `m` join it. Unit specs' fakes run `work` at once
   * with a stand-in manager.
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  stationByCode(code: string): Promise<StationEntity | null> {
    return this.dataSource.getRepository(StationEntity).findOne({ where: { code } });
  }

  /** The station itself, then its parent, grandparent… (a relay chain is short). */
  async chain(stationId: string): Promise<ChainStation[]> {
    const rows: Array<{
      id: string;
      code: string;
      name: string;
      region: string | null;
      broadcast_slots: unknown;
      time_zone: string;
    }> = await this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT id, code, name, region, broadcast_slots, time_zone, parent_id, 0 AS depth FROM stations WHERE id = $1
         UNION ALL
         SELECT s.id, s.code, s.name, s.region, s.broadcast_slots, s.time_zone, s.parent_id, up.depth + 1
           FROM stations s JOIN up ON s.id = up.parent_id WHERE up.depth < 10)
       SELECT id, code, name, region, broadcast_slots, time_zone FROM up ORDER BY depth`,
      [stationId],
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      region: r.region,
      broadcastSlots: r.broadcast_slots,
      timeZone: r.time_zone,
    }));
  }

  /** Running and paused scripts for this station, and ones cancelled within `withdrawnDays` (shown withdrawn). */
  async scripts(stationCode: string, withdrawnDays: number): Promise<FeedScriptRecord[]> {
    const rows: Array<{
      campaign_id: string;
      title: string;
      status: FeedScriptRecord['status'];
      starts_at: Date;
      ends_at: Date;
      launched_at: Date | null;
      finished_at: Date | null;
      content: unknown;
      emergency: boolean | null;
      mode: string;
      fields: StoredDirectiveFields | null;
      document_code: string | null;
      org_code: string;
      org_name: string;
      revisions: FeedScriptRecord['revisions'];
    }> = await this.dataSource.query(
      `SELECT c.id AS campaign_id, c.title, c.status, c.starts_at, c.ends_at, c.launched_at, c.finished_at,
              c.emergency, c.mode, p.content, d.fields, d.document_code, o.code AS org_code, o.name AS org_name,
              rv.revisions
         FROM deliveries dl
         JOIN campaigns c ON c.id = dl.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
         JOIN directives d ON d.id = c.directive_id
         JOIN organizations o ON o.id = c.organization_id
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object('revision', r.revision, 'at', r.created_at) ORDER BY r.revision)
                    AS revisions
             FROM radio_script_revisions r WHERE r.campaign_id = c.id) rv ON true
        WHERE dl.channel = 'radio' AND dl.recipient_key = $1
          AND (c.status IN ('running','paused')
               OR (c.status = 'cancelled' AND c.launched_at IS NOT NULL
                   AND c.finished_at > now() - make_interval(days => $2)))
        ORDER BY c.launched_at, c.id`,
      [stationCode, withdrawnDays],
    );
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      title: r.title,
      status: r.status,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      launchedAt: r.launched_at,
      finishedAt: r.finished_at,
      content: r.content,
      emergency: r.emergency,
      mode: r.mode,
      fields: r.fields,
      documentCode: r.document_code,
      orgCode: r.org_code,
      orgName: r.org_name,
      revisions: r.revisions,
    }));
  }

  /** The radio plan and status of a script this station receives and may still download, or null. */
  async feedEntry(stationCode: string, campaignId: string): Promise<{ content: unknown; status: string } | null> {
    const [row]: Array<{ content: unknown; status: string }> = await this.dataSource.query(
      `SELECT p.content, c.status FROM deliveries dl
         JOIN campaigns c ON c.id = dl.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
        WHERE dl.channel = 'radio' AND dl.recipient_key = $1 AND dl.campaign_id = $2
          AND c.status IN ('running','paused','completed')`,
      [stationCode, campaignId],
    );
    return row ?? null;
  }

  /** The station's delivery row of a launched campaign (running, paused, completed or cancelled), or null. */
  async broadcastTarget(q: Queryable, stationCode: string, campaignId: string): Promise<BroadcastTarget | null> {
    const [row] = (await q.query(
      `SELECT dl.id, c.status, c.finished_at FROM deliveries dl JOIN campaigns c ON c.id = dl.campaign_id
        WHERE dl.channel = 'radio' AND dl.recipient_key = $1 AND dl.campaign_id = $2
          AND c.status IN ('running','paused','completed','cancelled') AND c.launched_at IS NOT NULL`,
      [stationCode, campaignId],
    )) as Array<{ id: string; status: string; finished_at: Date | null }>;
    return row ? { deliveryId: row.id, campaignStatus: row.status, finishedAt: row.finished_at } : null;
  }

  /** queued → pulled for the station's rows of these running campaigns (libs/delivery's transition). */
  markPulled(stationCode: string, campaignIds: string[]): Promise<void> {
    return markRadioPulled(this.dataSource, stationCode, campaignIds);
  }

  /** queued | pulled → confirmed for a delivery row, in the caller's transaction (libs/delivery's transition). */
  markConfirmed(q: Queryable, deliveryId: string): Promise<void> {
    return markRadioConfirmed(q, deliveryId);
  }
}
