import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parts of a concatenated SMS: each has its own SMSC message id and receipt. A row is delivered when every
 * part is, and failed as soon as one part fails.
 */
export class DeliveryParts1764000000004 implements MigrationInterface {
  name = 'DeliveryParts1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_parts (
        delivery_id bigint NOT NULL REFERENCES deliveries(id),
        seq int NOT NULL,
        carrier_code text NOT NULL,
        provider_message_id text NOT NULL,
        status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent','delivered','failed')),
        PRIMARY KEY (delivery_id, seq)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX delivery_parts_by_message ON delivery_parts (carrier_code, provider_message_id)`,
    );
    await q.query(`ALTER TABLE deliveries ADD COLUMN parts int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP COLUMN parts`);
    await q.query(`DROP TABLE delivery_parts`);
  }
}
