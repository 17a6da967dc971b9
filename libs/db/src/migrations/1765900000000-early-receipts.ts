import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery receipts that arrived before their message id was stored (an SMSC that answers the receipt before the
 * submit response, or a response still being written): kept, bounded in time and number, and applied when the id
 * appears. One row per carrier and message id (a part's id for a long message).
 */
export class EarlyReceipts1765900000000 implements MigrationInterface {
  name = 'EarlyReceipts1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE early_receipts (
        carrier_code text NOT NULL,
        provider_message_id text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier_code, provider_message_id)
      )`);
    await q.query(`CREATE INDEX early_receipts_received_at ON early_receipts (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS early_receipts`);
  }
}
