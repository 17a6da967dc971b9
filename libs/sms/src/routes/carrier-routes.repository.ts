import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActiveRoute, RouteName, SwitchReason } from './rules';

/** One switch between a carrier's routes. */
export interface RouteSwitch {
  carrierCode: string;
  from: RouteName;
  to: RouteName;
  reason: SwitchReason;
  /** How long the primary had failed, or the secondary had carried the carrier. */
  seconds: number;
  /** The primary's last error when it failed over; null otherwise. */
  error: string | null;
  /** In one English sentence, for logs and the audit trail. */
  detail: string;
  switchedAt: Date;
}

interface SwitchRow {
  carrier_code: string;
  from_route: RouteName;
  to_route: RouteName;
  reason: SwitchReason;
  seconds: number;
  error: string | null;
  detail: string;
  switched_at: Date | string;
}

const SWITCH_COLUMNS = 'carrier_code, from_route, to_route, reason, seconds, error, detail, switched_at';

const switchOf = (r: SwitchRow): RouteSwitch => ({
  carrierCode: r.carrier_code,
  from: r.from_route,
  to: r.to_route,
  reason: r.reason,
  seconds: r.seconds,
  error: r.error,
  detail: r.detail,
  switchedAt: new Date(r.switched_at),
});

/** The SQL of `carrier_routes` (the route carrying each carrier) and `carrier_route_switches` (their history). */
@Injectable()
export class CarrierRoutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The route carrying the carrier: the primary (since ever) when it never switched. */
  async active(carrierCode: string): Promise<ActiveRoute> {
    const rows: Array<{ active: RouteName; since: Date }> = await this.dataSource.query(
      `SELECT active, since FROM carrier_routes WHERE carrier_code = $1`,
      [carrierCode],
    );
    return rows[0]
      ? { route: rows[0].active, since: new Date(rows[0].since) }
      : { route: 'primary', since: new Date(0) };
  }

  /** Every carrier carried by its secondary route now, by code. */
  async onSecondary(): Promise<Map<string, Date>> {
    const rows: Array<{ carrier_code: string; since: Date }> = await this.dataSource.query(
      `SELECT carrier_code, since FROM carrier_routes WHERE active = 'secondary'`,
    );
    return new Map(rows.map((r) => [r.carrier_code, new Date(r.since)]));
  }

  /**
   * Moves the carrier from `from` to `to` and records the switch, in one statement; null when the carrier is not on
   * `from` any more (another worker switched it first), so a switch is recorded once.
   */
  async switchRoute(
    m: EntityManager,
    s: Pick<RouteSwitch, 'carrierCode' | 'from' | 'to' | 'reason' | 'seconds' | 'error' | 'detail'>,
  ): Promise<RouteSwitch | null> {
    const rows: SwitchRow[] = await m.query(
      `WITH moved AS (
         INSERT INTO carrier_routes AS r (carrier_code, active, since) VALUES ($1, $3, now())
         ON CONFLICT (carrier_code) DO UPDATE SET active = EXCLUDED.active, since = EXCLUDED.since
          WHERE r.active = $2
         RETURNING carrier_code, since)
       INSERT INTO carrier_route_switches (carrier_code, from_route, to_route, reason, seconds, error, detail, switched_at)
       SELECT carrier_code, $2, $3, $4, $5, $6, $7, since FROM moved
       RETURNING ${SWITCH_COLUMNS}`,
      [s.carrierCode, s.from, s.to, s.reason, s.seconds, s.error, s.detail],
    );
    return rows[0] ? switchOf(rows[0]) : null;
  }

  /** The switches of these carriers from `since` up to `until` (null: now), in order. */
  async switchesBetween(carrierCodes: readonly string[], since: Date, until: Date | null): Promise<RouteSwitch[]> {
    if (!carrierCodes.length) return [];
    const rows: SwitchRow[] = await this.dataSource.query(
      `SELECT ${SWITCH_COLUMNS} FROM carrier_route_switches
        WHERE carrier_code = ANY($1::text[]) AND switched_at >= $2 AND ($3::timestamptz IS NULL OR switched_at <= $3)
        ORDER BY switched_at, id`,
      [carrierCodes, since, until],
    );
    return rows.map(switchOf);
  }
}
