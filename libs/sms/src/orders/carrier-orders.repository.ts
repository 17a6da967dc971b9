import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable, updateReturning } from '@loa/db';

/** A carrier order as stored, with its campaign's status. */
export interface CarrierOrderRow {
  id: string;
  campaignId: string;
  campaignStatus: string;
  /** The administrative unit's code (config/admin-units), and its official name as of the campaign's start. */
  area: string;
  areaName: string;
  text: string;
  senderName: string;
  windowStart: Date;
  windowEnd: Date;
  legalBasis: string | null;
  status: 'open' | 'acknowledged' | 'completed' | 'cancelled';
  submitted: number;
  delivered: number;
  failed: number;
  lastReportAt: Date | null;
}

/** An order its carrier has not acknowledged though its window has started. */
export interface UnacknowledgedOrder {
  id: string;
  campaignId: string;
  organizationId: string;
  emergency: boolean;
  carrierCode: string;
  carrierName: string;
  area: string;
  areaName: string;
  windowStart: Date;
}

/** The carrier's counts as accepted into an order. */
export interface CarrierOrderCounts {
  submitted: number;
  delivered: number;
  failed: number;
  reportedAt: Date;
  final: boolean;
}

interface OrderRecord {
  id: string;
  campaign_id: string;
  campaign_status: string;
  area: string;
  area_name: string | null;
  text: string;
  sender_name: string;
  window_start: Date;
  window_end: Date;
  legal_basis: string | null;
  status: CarrierOrderRow['status'];
  submitted: string;
  delivered: string;
  failed: string;
  last_report_at: Date | null;
}

const SELECT_ORDER = `SELECT o.id, o.campaign_id, c.status AS campaign_status, o.area, o.area_name, o.text, o.sender_name,
       o.window_start, o.window_end, o.legal_basis, o.status, o.submitted, o.delivered, o.failed, o.last_report_at
  FROM carrier_orders o JOIN campaigns c ON c.id = o.campaign_id`;

/** The SQL of `carrier_orders`: orders a carrier partner pulls instead of Loa sending the SMS itself. */
@Injectable()
export class CarrierOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * At launch, in the fan-out's transaction: one open order for a carrier and area, with the text as rendered for
   * that carrier, the carrier's sender name, the campaign's window and the directive's number as legal basis.
   * Publishing again changes nothing.
   */
  async publish(
    q: Queryable,
    campaignId: string,
    carrierCode: string,
    area: { code: string; name: string | null },
    text: string,
  ): Promise<void> {
    await q.query(
      `INSERT INTO carrier_orders (campaign_id, organization_id, carrier_code, area, area_name, text, sender_name,
                                   window_start, window_end, legal_basis, status)
       SELECT c.id, c.organization_id, k.code, $3, $5, $4, k.sender_name, c.starts_at, c.ends_at, d.document_code, 'open'
         FROM campaigns c JOIN directives d ON d.id = c.directive_id JOIN carriers k ON k.code = $2
        WHERE c.id = $1
       ON CONFLICT (campaign_id, carrier_code, area) DO NOTHING`,
      [campaignId, carrierCode, area.code, text, area.name],
    );
  }

  /** A carrier's orders in one organisation, oldest first. */
  async listFor(carrierCode: string, organizationId: string): Promise<CarrierOrderRow[]> {
    const rows: OrderRecord[] = await this.dataSource.query(
      `${SELECT_ORDER} WHERE o.carrier_code = $1 AND o.organization_id = $2 ORDER BY o.created_at`,
      [carrierCode, organizationId],
    );
    return rows.map(toRow);
  }

  /** One order of a carrier in one organisation; `forUpdate` locks it for the caller's transaction `q`. */
  async find(
    carrierCode: string,
    organizationId: string,
    id: string,
    opts: { q?: Queryable; forUpdate?: boolean } = {},
  ): Promise<CarrierOrderRow | null> {
    const [row] = (await (opts.q ?? this.dataSource).query(
      `${SELECT_ORDER} WHERE o.id = $1 AND o.carrier_code = $2 AND o.organization_id = $3
       ${opts.forUpdate ? 'FOR UPDATE OF o' : ''}`,
      [id, carrierCode, organizationId],
    )) as OrderRecord[];
    return row ? toRow(row) : null;
  }

  /** Orders of running campaigns still open (not acknowledged) although their window has started. */
  async unacknowledgedAfterStart(now: Date): Promise<UnacknowledgedOrder[]> {
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.campaign_id, c.organization_id, c.emergency, o.carrier_code, cr.name AS carrier_name, o.area,
              o.area_name, o.window_start
         FROM carrier_orders o
         JOIN campaigns c ON c.id = o.campaign_id AND c.status = 'running'
         JOIN carriers cr ON cr.code = o.carrier_code
        WHERE o.status = 'open' AND o.window_start <= $1 AND o.window_end > $1
        ORDER BY o.window_start, o.id`,
      [now],
    )) as Array<{
      id: string;
      campaign_id: string;
      organization_id: string;
      emergency: boolean | null;
      carrier_code: string;
      carrier_name: string;
      area: string;
      area_name: string | null;
      window_start: Date;
    }>;
    return rows.map((r) => ({
      id: r.id,
      campaignId: r.campaign_id,
      organizationId: r.organization_id,
      emergency: r.emergency === true,
      carrierCode: r.carrier_code,
      carrierName: r.carrier_name,
      area: r.area,
      areaName: r.area_name ?? r.area,
      windowStart: new Date(r.window_start),
    }));
  }

  /** open → acknowledged; false when the order was not open (already acknowledged, or closed). */
  async acknowledge(id: string): Promise<boolean> {
    const changed = await updateReturning<{ id: string }>(
      this.dataSource,
      `UPDATE carrier_orders SET status = 'acknowledged', acknowledged_at = now()
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id],
    );
    return changed.length > 0;
  }

  /** Stores accepted counts; a final report completes the order. Runs in the caller's transaction. */
  async recordReport(q: Queryable, id: string, r: CarrierOrderCounts): Promise<void> {
    await q.query(
      `UPDATE carrier_orders SET submitted = $2, delivered = $3, failed = $4, last_report_at = $5,
              status = CASE WHEN $6 THEN 'completed' ELSE 'acknowledged' END,
              acknowledged_at = COALESCE(acknowledged_at, now()),
              completed_at = CASE WHEN $6 THEN now() ELSE NULL END
        WHERE id = $1`,
      [id, r.submitted, r.delivered, r.failed, r.reportedAt, r.final],
    );
  }
}

function toRow(r: OrderRecord): CarrierOrderRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignStatus: r.campaign_status,
    area: r.area,
    areaName: r.area_name ?? r.area,
    text: r.text,
    senderName: r.sender_name,
    windowStart: new Date(r.window_start),
    windowEnd: new Date(r.window_end),
    legalBasis: r.legal_basis,
    status: r.status,
    submitted: Number(r.submitted),
    delivered: Number(r.delivered),
    failed: Number(r.failed),
    lastReportAt: r.last_report_at ? new Date(r.last_report_at) : null,
  };
}

/** What a campaign's report shows of each carrier order: the counts the carrier reported. */
export interface CarrierOrderSummary {
  carrierCode: string;
  area: string;
  areaName: string;
  status: string;
  submitted: number;
  delivered: number;
  failed: number;
  lastReportAt: string | null;
}

/** A campaign's carrier orders for its report, by carrier and area. */
export async function carrierOrderSummaries(q: Queryable, campaignId: string): Promise<CarrierOrderSummary[]> {
  const rows = (await q.query(
    `SELECT carrier_code, area, area_name, status, submitted, delivered, failed, last_report_at FROM carrier_orders
      WHERE campaign_id = $1 ORDER BY carrier_code, area`,
    [campaignId],
  )) as Array<Record<string, string | Date | null>>;
  return rows.map((r) => ({
    carrierCode: String(r.carrier_code),
    area: String(r.area),
    areaName: String(r.area_name ?? r.area),
    status: String(r.status),
    submitted: Number(r.submitted),
    delivered: Number(r.delivered),
    failed: Number(r.failed),
    lastReportAt: r.last_report_at ? new Date(r.last_report_at).toISOString() : null,
  }));
}

/** In a cancel's transaction: orders not yet completed are withdrawn (the carrier sees `cancelled`). */
export async function cancelOpenCarrierOrders(q: Queryable, campaignId: string): Promise<void> {
  await q.query(
    `UPDATE carrier_orders SET status = 'cancelled' WHERE campaign_id = $1 AND status IN ('open','acknowledged')`,
    [campaignId],
  );
}
