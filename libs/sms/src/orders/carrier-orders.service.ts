import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@loa/audit';
import { isUuid } from '@loa/common';
import { CarrierOrderRow, CarrierOrdersRepository } from './carrier-orders.repository';

export interface CarrierOrderView {
  id: string;
  campaignId: string;
  campaignStatus: string;
  /** Code of the administrative unit (config/admin-units) to send in, and its official name. */
  area: string;
  areaName: string;
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
    private readonly orders: CarrierOrdersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(carrierCode: string, organizationId: string): Promise<CarrierOrderView[]> {
    return (await this.orders.listFor(carrierCode, organizationId)).map(toView);
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
    if (await this.orders.acknowledge(id)) {
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
    if (!isUuid(id)) throw new OrderNotFoundError(`order ${id} not found`);
    await this.dataSource.transaction(async (m) => {
      const o = await this.orders.find(carrierCode, organizationId, id, { q: m, forUpdate: true });
      if (!o) throw new OrderNotFoundError(`order ${id} not found`);
      if (o.status === 'cancelled' || o.status === 'completed')
        throw new OrderConflictError(`order ${id} is ${o.status}`);
      if (o.lastReportAt && r.reportedAt <= o.lastReportAt) {
        throw new OrderConflictError(`a report taken at ${o.lastReportAt.toISOString()} or later was already accepted`);
      }
      const before = { submitted: o.submitted, delivered: o.delivered, failed: o.failed };
      if (r.submitted < before.submitted || r.delivered < before.delivered || r.failed < before.failed) {
        throw new OrderConflictError(`counts cannot go down (last: ${JSON.stringify(before)})`);
      }
      await this.orders.recordReport(m, id, r);
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
    const row = await this.orders.find(carrierCode, organizationId, id);
    if (!row) throw new OrderNotFoundError(`order ${id} not found`);
    return toView(row);
  }
}

function toView(r: CarrierOrderRow): CarrierOrderView {
  return {
    id: r.id,
    campaignId: r.campaignId,
    campaignStatus: r.campaignStatus,
    area: r.area,
    areaName: r.areaName,
    text: r.text,
    senderName: r.senderName,
    window: { start: r.windowStart.toISOString(), end: r.windowEnd.toISOString() },
    legalBasis: r.legalBasis,
    status: r.status,
    counts: { submitted: r.submitted, delivered: r.delivered, failed: r.failed },
    lastReportAt: r.lastReportAt ? r.lastReportAt.toISOString() : null,
  };
}
