import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@loa/audit';
import { updateReturning } from '@loa/db';
import { isUuid } from '@loa/common';

export interface CarrierOrderView {
  id: string;
  campaignId: string;
  campaignStatus: string;
  area: string;
  text: string;
  senderName: string;
  window: { start: string; end: string };
  legalBasis: string | null;
  status: 'open' | 'acknowledged' | 'completed' | 'cancelled';
  counts: { submitted: number; delivered: number; failed: number };
  lastReportAt: string | null;
}

export interface CarrierReport {
  submitted: number;
  delivered: number;
  failed: number;
  /** When the carrier took these counts; a report older than the last accepted one is refused (replay). */
  reportedAt: Date;
  final: boolean;
}

export class OrderNotFoundError extends Error {}
export class OrderConflictError extends Error {}

/** What a carrier partner sees and does with its orders; always scoped to one carrier and one organisation. */
@Injectable()
export class CarrierOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(carrierCode: string, organizationId: string): Promise<CarrierOrderView[]> {
    const rows: OrderRow[] = await this.dataSource.query(
      `${SELECT_ORDER} WHERE o.carrier_code = $1 AND o.organization_id = $2 ORDER BY o.created_at`,
      [carrierCode, organizationId],
    );
    return rows.map(toView);
  }

  /** open → acknowledged; acknowledging again is harmless. */
  async acknowledge(
    carrierCode: string,
    organizationId: string,
    id: string,
    partnerId: string,
  ): Promise<CarrierOrderView> {
    const order = await this.get(carrierCode, organizationId, id);
    if (order.status === 'cancelled' || order.status === 'completed') {
      throw new OrderConflictError(`order ${id} is ${order.status}`);
    }
    const changed = await updateReturning<{ id: string }>(
      this.dataSource,
      `UPDATE carrier_orders SET status = 'acknowledged', acknowledged_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
      [id],
    );
    if (changed.length) {
      await this.audit.record({
        actor: { type: 'partner', kind: 'carrier', id: partnerId, organizationId },
        organizationId,
        action: 'carrier_order.acknowledge',
        targetType: 'carrier_order',
        targetId: id,
        before: { status: 'open' },
        after: { status: 'acknowledged' },
      });
    }
    return this.get(carrierCode, organizationId, id);
  }

  /**
   * Records the carrier's counts. Counts are totals so far, never decreasing; a report taken before the last
   * accepted one is a replay or out of order and is refused. `final` completes the order.
   */
  async report(
    carrierCode: string,
    organizationId: string,
    id: string,
    r: CarrierReport,
    partnerId: string,
  ): Promise<CarrierOrderView> {
    if (r.delivered + r.failed > r.submitted)
      throw new OrderConflictError('delivered + failed cannot exceed submitted');
    await this.dataSource.transaction(async (m) => {
      const [o]: OrderRow[] = await m.query(
        `${SELECT_ORDER} WHERE o.id = $1 AND o.carrier_code = $2 AND o.organization_id = $3 FOR UPDATE OF o`,
        [id, carrierCode, organizationId],
      );
      if (!o) throw new OrderNotFoundError(`order ${id} not found`);
      if (o.status === 'cancelled' || o.status === 'completed')
        throw new OrderConflictError(`order ${id} is ${o.status}`);
      if (o.last_report_at && r.reportedAt <= new Date(o.last_report_at)) {
        throw new OrderConflictError(
          `a report taken at ${new Date(o.last_report_at).toISOString()} or later was already accepted`,
        );
      }
      const before = { submitted: Number(o.submitted), delivered: Number(o.delivered), failed: Number(o.failed) };
      if (r.submitted < before.submitted || r.delivered < before.delivered || r.failed < before.failed) {
        throw new OrderConflictError(`counts cannot go down (last: ${JSON.stringify(before)})`);
      }
      await m.query(
        `UPDATE carrier_orders SET submitted = $2, delivered = $3, failed = $4, last_report_at = $5,
                status = CASE WHEN $6 THEN 'completed' ELSE 'acknowledged' END,
                acknowledged_at = COALESCE(acknowledged_at, now()),
                completed_at = CASE WHEN $6 THEN now() ELSE NULL END
          WHERE id = $1`,
        [id, r.submitted, r.delivered, r.failed, r.reportedAt, r.final],
      );
      await this.audit.record(
        {
          actor: { type: 'partner', kind: 'carrier', id: partnerId, organizationId },
          organizationId,
          action: r.final ? 'carrier_order.complete' : 'carrier_order.report',
          targetType: 'carrier_order',
          targetId: id,
          before,
          after: { submitted: r.submitted, delivered: r.delivered, failed: r.failed },
        },
        m,
      );
    });
    return this.get(carrierCode, organizationId, id);
  }

  private async get(carrierCode: string, organizationId: string, id: string): Promise<CarrierOrderView> {
    if (!isUuid(id)) throw new OrderNotFoundError(`order ${id} not found`);
    const [row]: OrderRow[] = await this.dataSource.query(
      `${SELECT_ORDER} WHERE o.id = $1 AND o.carrier_code = $2 AND o.organization_id = $3`,
      [id, carrierCode, organizationId],
    );
    if (!row) throw new OrderNotFoundError(`order ${id} not found`);
    return toView(row);
  }
}

interface OrderRow {
  id: string;
  campaign_id: string;
  campaign_status: string;
  area: string;
  text: string;
  sender_name: string;
  window_start: Date;
  window_end: Date;
  legal_basis: string | null;
  status: CarrierOrderView['status'];
  submitted: string;
  delivered: string;
  failed: string;
  last_report_at: Date | null;
}

const SELECT_ORDER = `SELECT o.id, o.campaign_id, c.status AS campaign_status, o.area, o.text, o.sender_name, o.window_start,
       o.window_end, o.legal_basis, o.status, o.submitted, o.delivered, o.failed, o.last_report_at
  FROM carrier_orders o JOIN campaigns c ON c.id = o.campaign_id`;

function toView(r: OrderRow): CarrierOrderView {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignStatus: r.campaign_status,
    area: r.area,
    text: r.text,
    senderName: r.sender_name,
    window: { start: new Date(r.window_start).toISOString(), end: new Date(r.window_end).toISOString() },
    legalBasis: r.legal_basis,
    status: r.status,
    counts: { submitted: Number(r.submitted), delivered: Number(r.delivered), failed: Number(r.failed) },
    lastReportAt: r.last_report_at ? new Date(r.last_report_at).toISOString() : null,
  };
}
