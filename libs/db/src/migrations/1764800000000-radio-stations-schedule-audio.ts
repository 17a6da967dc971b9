import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Radio (issue 8): stations as data (unit code, region, slots, time zone); broadcast reports per dated slot;
 * slots marked missed (or skipped while paused); synthesised audio per script; an index for station feeds.
 */
export class RadioStationsScheduleAudio1764800000000 implements MigrationInterface {
  name = 'RadioStationsScheduleAudio1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE stations
        ADD COLUMN admin_unit_code text,
        ADD COLUMN region text CHECK (region IN ('north','central','south')),
        ADD COLUMN broadcast_slots jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(broadcast_slots) = 'array'),
        ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh'`);
    // A slot recurs every day of the schedule, so a report names its date too (the station's local date).
    await q.query(`ALTER TABLE broadcast_confirmations ADD COLUMN air_date date`);
    await q.query(`
      UPDATE broadcast_confirmations bc SET air_date = (bc.aired_at AT TIME ZONE s.time_zone)::date
        FROM stations s WHERE s.id = bc.station_id`);
    await q.query(`ALTER TABLE broadcast_confirmations ALTER COLUMN air_date SET NOT NULL`);
    await q.query(
      `ALTER TABLE broadcast_confirmations DROP CONSTRAINT IF EXISTS broadcast_confirmations_campaign_id_station_id_slot_key`,
    );
    await q.query(`
      ALTER TABLE broadcast_confirmations
        ADD CONSTRAINT broadcast_confirmations_per_slot UNIQUE (campaign_id, station_id, air_date, slot)`);
    await q.query(`
      CREATE TABLE broadcast_slot_marks (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        station_id uuid NOT NULL REFERENCES stations(id),
        air_date date NOT NULL,
        slot text NOT NULL,
        due_at timestamptz NOT NULL,
        mark text NOT NULL CHECK (mark IN ('missed','skipped')),
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, station_id, air_date, slot)
      )`);
    await q.query(`
      CREATE TABLE radio_audio (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        station_id uuid NOT NULL REFERENCES stations(id),
        status text NOT NULL CHECK (status IN ('pending','ready','unavailable','failed')),
        voice text,
        mime_type text,
        file_name text,
        bytes int,
        duration_seconds numeric(9,2),
        sha1 text,
        text_sha256 text,
        error text,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, station_id)
      )`);
    await q.query(`CREATE INDEX radio_audio_pending ON radio_audio (updated_at) WHERE status = 'pending'`);
    // Station feeds look their rows up by station code; without this every pull scans the deliveries table.
    await q.query(
      `CREATE INDEX deliveries_radio_by_station ON deliveries (recipient_key, campaign_id) WHERE channel = 'radio'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS deliveries_radio_by_station`);
    await q.query(`DROP TABLE IF EXISTS radio_audio`);
    await q.query(`DROP TABLE IF EXISTS broadcast_slot_marks`);
    await q.query(`ALTER TABLE broadcast_confirmations DROP CONSTRAINT IF EXISTS broadcast_confirmations_per_slot`);
    await q.query(`
      DELETE FROM broadcast_confirmations a USING broadcast_confirmations b
       WHERE a.campaign_id = b.campaign_id AND a.station_id = b.station_id AND a.slot = b.slot AND a.id > b.id`);
    await q.query(`
      ALTER TABLE broadcast_confirmations
        ADD CONSTRAINT broadcast_confirmations_campaign_id_station_id_slot_key UNIQUE (campaign_id, station_id, slot)`);
    await q.query(`ALTER TABLE broadcast_confirmations DROP COLUMN air_date`);
    await q.query(`
      ALTER TABLE stations DROP COLUMN time_zone, DROP COLUMN broadcast_slots, DROP COLUMN region,
        DROP COLUMN admin_unit_code`);
  }
}
