import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit.service';

type AuditInput = Parameters<AuditService['record']>[0];

/**
 * In-memory AuditService for services' unit specs: keeps each event with the manager it was recorded with, so a
 * spec can tell an event written inside the change's transaction from one written outside it.
 */
export class FakeAuditService implements Pick<AuditService, 'record'> {
  readonly events: Array<{ input: AuditInput; manager: EntityManager | undefined }> = [];

  async record(input: AuditInput, manager?: EntityManager): Promise<void> {
    this.events.push({ input, manager });
  }

  /** The recorded actions, in order. */
  actions(): string[] {
    return this.events.map((e) => e.input.action);
  }
}
