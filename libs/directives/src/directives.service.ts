import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { DirectiveEntity } from '@loa/db';
import { extractDirective } from './extract';
import { isUuid } from '@loa/common';

/** Keeps a directive verbatim (NFC) with the fields extracted from it. */
@Injectable()
export class DirectivesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor & { type: 'user' }, text: string, requestId: string | null): Promise<DirectiveEntity> {
    const rawText = text.normalize('NFC');
    const fields = extractDirective(rawText);
    const code = fields.documentCode ? `${fields.documentCode.number ?? '…'}/${fields.documentCode.symbol}` : null;
    return this.dataSource.transaction(async (m) => {
      const d = await m.save(
        m.create(DirectiveEntity, {
          organizationId: actor.organizationId,
          rawText,
          fields: fields as unknown as Record<string, unknown>,
          documentCode: code,
          subject: fields.subject,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          actor,
          action: 'directive.create',
          targetType: 'directive',
          targetId: d.id,
          after: { documentCode: code, subject: fields.subject },
          requestId,
        },
        m,
      );
      return d;
    });
  }

  get(organizationId: string, id: string): Promise<DirectiveEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.dataSource.getRepository(DirectiveEntity).findOne({ where: { id, organizationId } });
  }
}
