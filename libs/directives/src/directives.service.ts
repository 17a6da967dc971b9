import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@loa/audit';
import type { DirectiveEntity } from '@loa/db';
import { DirectivesRepository } from './directives.repository';
import {
  type CorrectionProblem,
  type DirectiveCorrections,
  type DirectiveFields,
  correctFields,
  documentCodeText,
  extractDirective,
} from './extract';

/** The file a letter was read from, kept byte for byte with the directive. */
export interface DirectiveOriginalFile {
  readonly bytes: Uint8Array;
  /** The media type its content was read as. */
  readonly mediaType: string;
  readonly fileName: string | null;
  /** `ocr` when its text was recognised from a scan. */
  readonly readBy: 'text' | 'ocr';
}

/** What the API tells about a directive's original file (never the bytes). */
export interface DirectiveOriginalInfo {
  readonly fileName: string | null;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  /** `ocr`: the text was recognised from a scan, so the fields deserve a check. */
  readonly readBy: 'text' | 'ocr';
}

/** The original's description, or null for a pasted letter. */
export function originalInfo(d: DirectiveEntity): DirectiveOriginalInfo | null {
  if (!d.originalMediaType || d.originalSize === null || !d.originalSha256) return null;
  return {
    fileName: d.originalFileName,
    mediaType: d.originalMediaType,
    size: d.originalSize,
    sha256: d.originalSha256,
    readBy: d.readBy ?? 'text',
  };
}

/** Keeps a directive verbatim (NFC) with the fields extracted from it, and the file it came in. */
@Injectable()
export class DirectivesService {
  constructor(
    private readonly directives: DirectivesRepository,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor & { type: 'user' },
    text: string,
    requestId: string | null,
    original: DirectiveOriginalFile | null = null,
  ): Promise<DirectiveEntity> {
    const rawText = text.normalize('NFC');
    const bytes = original ? Buffer.from(original.bytes) : null;
    const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    const fields = extractDirective(rawText);
    const code = fields.documentCode ? `${fields.documentCode.number ?? '…'}/${fields.documentCode.symbol}` : null;
    return this.directives.transaction(async (m) => {
      const d = await this.directives.insert(m, {
        organizationId: actor.organizationId,
        rawText,
        fields: fields as unknown as Record<string, unknown>,
        documentCode: code,
        subject: fields.subject,
        createdBy: actor.id,
        originalBytes: bytes,
        originalMediaType: original?.mediaType ?? null,
        originalFileName: original?.fileName ?? null,
        originalSize: bytes?.length ?? null,
        originalSha256: sha256,
        readBy: original?.readBy ?? null,
      });
      await this.audit.record(
        {
          actor,
          action: 'directive.create',
          targetType: 'directive',
          targetId: d.id,
          after: { documentCode: code, subject: fields.subject, original: originalInfo(d) },
          requestId,
        },
        m,
      );
      return d;
    });
  }

  /**
   * An editor's corrections of what Loa read (the text itself is kept as received): the changed fields before and
   * after are audited. Null when the directive is not this organisation's; the problems when a value is refused.
   */
  async correct(
    actor: Actor & { type: 'user' },
    id: string,
    corrections: DirectiveCorrections,
    requestId: string | null,
  ): Promise<{ directive: DirectiveEntity | null; problems: CorrectionProblem[] }> {
    const before = await this.directives.get(actor.organizationId, id);
    if (!before) return { directive: null, problems: [] };
    const old = before.fields as unknown as DirectiveFields;
    const { fields, problems } = correctFields(old, corrections);
    if (!fields) return { directive: null, problems };
    const changed = (Object.keys(fields) as Array<keyof DirectiveFields>).filter(
      (k) => JSON.stringify(fields[k]) !== JSON.stringify(old[k]),
    );
    return this.directives.transaction(async (m) => {
      await this.directives.updateFields(m, id, {
        fields: fields as unknown as Record<string, unknown>,
        documentCode: documentCodeText(fields),
        subject: fields.subject,
      });
      if (changed.length)
        await this.audit.record(
          {
            actor,
            action: 'directive.correct',
            targetType: 'directive',
            targetId: id,
            before: Object.fromEntries(changed.map((k) => [k, old[k]])),
            after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
            requestId,
          },
          m,
        );
      return { directive: { ...before, fields: fields as unknown as Record<string, unknown> }, problems: [] };
    });
  }

  get(organizationId: string, id: string): Promise<DirectiveEntity | null> {
    return this.directives.get(organizationId, id);
  }

  /** The original file of a directive of this organisation; null when there is none (or no such directive). */
  async original(organizationId: string, id: string): Promise<(DirectiveOriginalInfo & { bytes: Buffer }) | null> {
    const d = await this.directives.withOriginalBytes(organizationId, id);
    const info = d && originalInfo(d);
    return info && d.originalBytes ? { ...info, bytes: d.originalBytes } : null;
  }
}
