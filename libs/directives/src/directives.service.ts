import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@loa/audit';
import type { DirectiveEntity } from '@loa/db';
import { DirectivesRepository } from './directives.repository';
import { extractDirective } from './extract';

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
