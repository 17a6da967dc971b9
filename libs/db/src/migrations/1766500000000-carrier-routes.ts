import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which of a carrier's two routes carries it (`carrier_routes`: one row per carrier that has switched at least
 * once; none means the primary), and every switch between them with its reason (`carrier_route_switches`), which
 * the campaign report and the console read. Written by the worker that decides a switch, before a batch goes by
 * the new route.
 */
export class CarrierRoutes1766500000000 implements MigrationInterface {
  name = 'CarrierRoutes1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carrier_routes (
        carrier_code text PRIMARY KEY,
        active text NOT NULL CHECK (active IN ('primary', 'secondary')),
        since timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE carrier_route_switches (
        id bigserial PRIMARY KEY,
        carrier_code text NOT NULL,
        from_route text NOT NULL CHECK (from_route IN ('primary', 'secondary')),
        to_route text NOT NULL CHECK (to_route IN ('primary', 'secondary')),
        reason text NOT NULL CHECK (reason IN ('primary-failing', 'primary-retry')),
        detail text NOT NULL,
        switched_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX carrier_route_switches_by_carrier ON carrier_route_switches (carrier_code, switched_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE carrier_route_switches`);
    await q.query(`DROP TABLE carrier_routes`);
  }
}
