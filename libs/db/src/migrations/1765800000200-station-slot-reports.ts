import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A station may say itself that it could not air a slot, and why: the slot's mark then says who marked it (the
 * station, or the system when the slot passed unconfirmed) and the station's reason.
 */
export class StationSlotReports1765800000200 implements MigrationInterface {
  name = 'StationSlotReports1765800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE broadcast_slot_marks
         ADD COLUMN reported_by text NOT NULL DEFAULT 'system' CHECK (reported_by IN ('system', 'station')),
         ADD COLUMN note text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcast_slot_marks DROP COLUMN IF EXISTS note, DROP COLUMN IF EXISTS reported_by`);
  }
}
