import { MigrationInterface, QueryRunner } from 'typeorm';

/** How a letter file's text was read: from its text (`text`) or recognised from a scan (`ocr`, to be checked). */
export class DirectiveReadBy1765600000200 implements MigrationInterface {
  name = 'DirectiveReadBy1765600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE directives ADD COLUMN read_by text CHECK (read_by IN ('text', 'ocr'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE directives DROP COLUMN IF EXISTS read_by`);
  }
}
