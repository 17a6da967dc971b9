import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { CarrierRouter, normalizeMsisdn } from '../numbering';
import { optOutQueuedSms } from '@loa/delivery';
import { OptOutsRepository, type OptOutView } from './opt-outs.repository';

export class InvalidNumberError extends Error {}

/** Numbers that asked to receive nothing more; every later send respects them. */
@Injectable()
export class OptOutsService {
  constructor(
    private readonly audit: AuditService,
    private readonly optOuts: OptOutsRepository,
    private readonly router: CarrierRouter,
  ) {}

  normalize(input: string): string {
    const r = normalizeMsisdn(input, this.router.table);
    if (r.error !== null) throw new InvalidNumberError(`msisdn: ${r.error}`);
    return r.msisdn;
  }

  /** Records an opt-out (idempotent); also stops rows of that number still waiting to be sent. */
  async add(
    input: { msisdn: string; source: OptOutView['source']; carrierCode?: string | null; note?: string | null },
    actor: Actor,
    organizationId: string | null,
    requestId: string | null,
  ): Promise<{ msisdn: string; created: boolean; stoppedRows: number }> {
    const msisdn = this.normalize(input.msisdn);
    return this.optOuts.transaction(async (m) => {
      const created = await this.optOuts.insert(m, {
        msisdn,
        source: input.source,
        carrierCode: input.carrierCode ?? null,
        organizationId,
        note: input.note?.normalize('NFC') ?? null,
        createdBy: actor.id,
      });
      const stopped = await this.stopWaitingRows(m, [msisdn]);
      if (created) {
        await this.audit.record(
          {
            actor,
            organizationId,
            action: 'opt_out.add',
            targetType: 'subscriber',
            // Only the last digits: the audit trail never carries subscriber lists.
            targetId: `…${msisdn.slice(-4)}`,
            after: { source: input.source, stoppedRows: stopped },
            requestId,
          },
          m,
        );
      }
      return { msisdn, created, stoppedRows: stopped };
    });
  }

  async remove(msisdnInput: string, actor: Actor & { type: 'user' }, requestId: string | null): Promise<boolean> {
    const msisdn = this.normalize(msisdnInput);
    return this.optOuts.transaction(async (m) => {
      const removed = await this.optOuts.delete(m, msisdn);
      if (removed) {
        await this.audit.record(
          {
            actor,
            action: 'opt_out.remove',
            targetType: 'subscriber',
            targetId: `…${msisdn.slice(-4)}`,
            requestId,
          },
          m,
        );
      }
      return removed;
    });
  }

  async find(msisdnInput: string): Promise<OptOutView | null> {
    return this.optOuts.find(this.normalize(msisdnInput));
  }

  /** Of these numbers, the ones that opted out. */
  async optedOut(msisdns: string[]): Promise<Set<string>> {
    if (!msisdns.length) return new Set();
    return new Set(await this.optOuts.optedOut(msisdns));
  }

  /** queued → opted_out for SMS rows of these numbers (compare-and-set: rows being sent are left alone). */
  async stopWaitingRows(m: EntityManager | DataSource, msisdns: string[], deliveryIds?: string[]): Promise<number> {
    return optOutQueuedSms(m, msisdns, deliveryIds);
  }
}
