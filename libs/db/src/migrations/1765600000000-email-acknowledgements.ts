import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agency's acknowledgement of a dispatch e-mail ("Xác nhận đã nhận"), one per e-mail delivery row: the first
 * click counts, later ones change nothing. Where it came from is kept for the record (address, browser).
 */
export class EmailAcknowledgements1765600000000 implements MigrationInterface {
  name = 'EmailAcknowledgements1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_acknowledgements (
        delivery_id bigint PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        acknowledged_at timestamptz NOT NULL DEFAULT now(),
        client_ip text,
        user_agent text CHECK (length(user_agent) <= 500)
      )`);
    await q.query(
      `CREATE INDEX email_acknowledgements_by_campaign ON email_acknowledgements (campaign_id, acknowledged_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS email_acknowledgements`);
  }
}
