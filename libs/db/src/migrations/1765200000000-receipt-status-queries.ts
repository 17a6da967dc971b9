import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts that never come: the worker asks the carrier (SMPP query_sm, Twilio's Message resource) about SMS still
 * waiting for a receipt. `status_queried_at` spaces the questions and lets several workers share them.
 */
export class ReceiptStatusQueries1765200000000 implements MigrationInterface {
  name = 'ReceiptStatusQueries1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN status_queried_at timestamptz`);
    // Only the rows still waiting for a receipt, per carrier, oldest first: small however large the campaign.
    await q.query(
      `CREATE INDEX deliveries_awaiting_receipt ON deliveries (carrier_code, sent_at)
        WHERE channel = 'sms' AND status = 'sent' AND final_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS deliveries_awaiting_receipt`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN IF EXISTS status_queried_at`);
  }
}
