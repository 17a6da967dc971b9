import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StationEntity } from '@loa/db';
import { writeBroadcastScript } from './write-script';

export interface StationScript {
  scriptId: string;
  campaignId: string;
  title: string;
  text: string;
  estimatedSeconds: number;
  slots: string[];
  startsAt: string;
  endsAt: string;
  /** The parent station code when this station relays (tiếp âm) the script rather than being named itself. */
  relayedFrom: string | null;
  status: 'active';
}

export class UnknownScriptError extends Error {}

/** What a station pulls (its scripts) and what it confirms (what aired). */
@Injectable()
export class StationFeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  stationByCode(code: string): Promise<StationEntity | null> {
    return this.dataSource.getRepository(StationEntity).findOne({ where: { code } });
  }

  /** Scripts of running campaigns addressed to this station; marks its rows pulled (queued → pulled). */
  async scripts(station: StationEntity): Promise<StationScript[]> {
    const rows: Array<{
      campaign_id: string;
      title: string;
      starts_at: Date;
      ends_at: Date;
      content: { script: string; slots: string[]; stationCodes: string[] };
      raw_fields: { issuer?: string | null };
      document_code: string | null;
      parent_code: string | null;
    }> = await this.dataSource.query(
      `SELECT c.id AS campaign_id, c.title, c.starts_at, c.ends_at, p.content, d.fields AS raw_fields,
              d.document_code, parent.code AS parent_code
         FROM deliveries dl
         JOIN campaigns c ON c.id = dl.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
         JOIN directives d ON d.id = c.directive_id
         LEFT JOIN stations parent ON parent.id = $2
        WHERE dl.channel = 'radio' AND dl.recipient_key = $1 AND c.status = 'running'
        ORDER BY c.launched_at`,
      [station.code, station.parentId],
    );
    if (rows.length) {
      await this.dataSource.query(
        `UPDATE deliveries SET status = 'pulled', sent_at = now(), updated_at = now()
          WHERE channel = 'radio' AND recipient_key = $1 AND status = 'queued' AND campaign_id = ANY($2::uuid[])`,
        [station.code, rows.map((r) => r.campaign_id)],
      );
    }
    return rows.map((r) => {
      const script = writeBroadcastScript({
        title: r.title,
        body: r.content.script,
        issuer: r.raw_fields.issuer ?? null,
        documentCode: r.document_code,
      });
      return {
        scriptId: r.campaign_id,
        campaignId: r.campaign_id,
        title: r.title,
        text: script.text,
        estimatedSeconds: script.estimatedSeconds,
        slots: r.content.slots,
        startsAt: new Date(r.starts_at).toISOString(),
        endsAt: new Date(r.ends_at).toISOString(),
        relayedFrom: r.content.stationCodes.includes(station.code) ? null : r.parent_code,
        status: 'active' as const,
      };
    });
  }

  /**
   * Records that a script aired in a slot; idempotent per (script, station, slot). Refused for scripts not
   * addressed to this station.
   */
  async confirm(
    station: StationEntity,
    scriptId: string,
    input: { slot: string; airedAt: Date; durationSeconds: number | null; note: string | null },
  ): Promise<{ created: boolean }> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(scriptId)) {
      throw new UnknownScriptError(`script ${scriptId} is not addressed to station ${station.code}`);
    }
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string }> = await m.query(
        `SELECT dl.id FROM deliveries dl JOIN campaigns c ON c.id = dl.campaign_id
          WHERE dl.channel = 'radio' AND dl.recipient_key = $1 AND dl.campaign_id = $2
            AND c.status IN ('running','paused','completed')`,
        [station.code, scriptId],
      );
      if (!rows.length) throw new UnknownScriptError(`script ${scriptId} is not addressed to station ${station.code}`);
      const inserted: unknown[] = await m.query(
        `INSERT INTO broadcast_confirmations (campaign_id, station_id, slot, aired_at, duration_seconds, note)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (campaign_id, station_id, slot) DO NOTHING RETURNING id`,
        [scriptId, station.id, input.slot, input.airedAt, input.durationSeconds, input.note?.normalize('NFC') ?? null],
      );
      await m.query(
        `UPDATE deliveries SET status = 'confirmed', final_at = COALESCE(final_at, now()), updated_at = now()
          WHERE id = $1 AND status IN ('queued','pulled')`,
        [rows[0].id],
      );
      return { created: inserted.length > 0 };
    });
  }
}
