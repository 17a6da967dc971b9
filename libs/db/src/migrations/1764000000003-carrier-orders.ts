import { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders for carriers that send to their own subscribers in an area, and the counts they report back. */
export class CarrierOrders1764000000003 implements MigrationInterface {
  name = 'CarrierOrders1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carrier_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        carrier_code text NOT NULL REFERENCES carriers(code),
        area text NOT NULL,
        text text NOT NULL,
        sender_name text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        legal_basis text,
        status text NOT NULL CHECK (status IN ('open','acknowledged','completed','cancelled')),
        acknowledged_at timestamptz,
        completed_at timestamptz,
        submitted bigint NOT NULL DEFAULT 0,
        delivered bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0,
        last_report_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, carrier_code, area),
        CHECK (delivered + failed <= submitted)
      )`);
    await q.query(`CREATE INDEX carrier_orders_for_partner ON carrier_orders (carrier_code, organization_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE carrier_orders`);
  }
}
