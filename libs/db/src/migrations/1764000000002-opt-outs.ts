import { MigrationInterface, QueryRunner } from 'typeorm';

/** Numbers that asked to receive no more messages, and a delivery state for rows skipped because of it. */
export class OptOuts1764000000002 implements MigrationInterface {
  name = 'OptOuts1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opt_outs (
        msisdn text PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('sms_keyword','operator')),
        carrier_code text,
        organization_id uuid REFERENCES organizations(id),
        note text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('queued','sending',
      'sent','delivered','failed','unknown','expired','cancelled','opted_out','pulled','confirmed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE deliveries SET status = 'cancelled' WHERE status = 'opted_out'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('queued','sending',
      'sent','delivered','failed','unknown','expired','cancelled','pulled','confirmed'))`);
    await q.query(`DROP TABLE opt_outs`);
  }
}
