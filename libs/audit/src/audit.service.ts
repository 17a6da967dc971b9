import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from './actor';

export interface AuditInput {
  actor: Actor;
  /** The actor's organisation unless given (a system actor has none: name the campaign's). */
  organizationId?: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  requestId?: string | null;
}

/** Writes append-only audit events; pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(input: AuditInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events
         (organization_id, actor_type, actor_id, action, target_type, target_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        input.organizationId !== undefined ? input.organizationId : actorOrganization(input.actor),
        input.actor.type,
        input.actor.id,
        input.action,
        input.targetType,
        input.targetId,
        input.before ? JSON.stringify(input.before) : null,
        input.after ? JSON.stringify(input.after) : null,
        input.requestId ?? null,
      ],
    );
  }
}

function actorOrganization(actor: Actor): string | null {
  return 'organizationId' in actor ? actor.organizationId : null;
}
