import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@loa/config';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager, QueryRunner } from 'typeorm';
import { CarrierRouter } from '../numbering';
import {
  AudienceMemberRows,
  AudienceRowEncoder,
  type AudienceRowTarget,
  csvParser,
  type PlaceFilter,
  StagingRows,
} from './audience-rows';
import { RejectSpool } from './reject-spool';
import {
  AudienceImportsRepository,
  type AudienceImportTotals,
  type AudienceImportView,
  type AudienceReject,
} from './audience-imports.repository';
import { isUuid } from '@loa/common';

/** What an import did; every data row is counted exactly once: rows = accepted + duplicates + optedOut + rejected. */
export interface AudienceImportCounts extends AudienceImportTotals {
  importId: string;
}

export interface AudienceImportRun {
  importId: string;
  campaignId: string;
  /** The CSV bytes (UTF-8, optional BOM); read once, with backpressure. */
  source: Readable;
  /** `?column=`: the phone column's header name; detected from the header row when absent. */
  column?: string | null;
  /**
   * The campaign's area, for lists that say where each subscriber is: a row whose place column (`column`, or a
   * header such as "Địa bàn", "Xã/Phường") names a place outside it is rejected with that reason. Null: no area.
   */
  place?: PlaceFilter | null;
  /**
   * Runs in the import's transaction after its rows are in, before commit (the campaign's edit rules and audit);
   * throwing rolls the whole import back.
   */
  beforeCommit?: (m: EntityManager, counts: AudienceImportCounts) => Promise<void>;
}

/** What one of the two ways of writing the rows found, before the import's own counts are added. */
type WrittenRows = Pick<AudienceImportTotals, 'accepted' | 'duplicates' | 'optedOut' | 'byCarrier'>;

/**
 * Imports a subscriber list from CSV by streaming (ARCHITECTURE §4.4): csv-parse → normalise and route → COPY.
 * Each new number's first row is COPYed straight into `audience_members`, repeats and members told apart as they
 * stream by (the members' numbers read first), this list's opted-out numbers deleted after; into an audience too
 * large to hold its numbers, every row goes to a temporary staging table and one INSERT … SELECT merges it. Either
 * way the campaign's audience is locked for the import's transaction; the rows are never held in memory; a bad row
 * is counted and kept with its reason, never fatal.
 */
@Injectable()
export class AudienceImportService {
  private readonly logger = new Logger(AudienceImportService.name);
  /** AUDIENCE_IMPORT_MEMBERS_IN_MEMORY (libs/config). */
  private readonly membersInMemory: number;

  constructor(
    private readonly imports: AudienceImportsRepository,
    private readonly router: CarrierRouter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.membersInMemory = config.audience.membersInMemory;
  }

  /** Records the import (status running) before anything is read; returns its id. */
  async begin(campaignId: string, userId: string, fileName: string | null): Promise<string> {
    return this.imports.create(campaignId, fileName?.normalize('NFC').slice(0, 255) ?? null, userId);
  }

  /** Streams the file into the campaign's audience in one transaction; marks the import failed on any error. */
  async run(input: AudienceImportRun): Promise<AudienceImportCounts> {
    try {
      return await this.copyAndMerge(input);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.imports
        .markFailed(input.importId, message.slice(0, 1000))
        .catch((e: unknown) => this.logger.error(`could not mark import ${input.importId} failed: ${String(e)}`));
      throw err;
    }
  }

  private async copyAndMerge(input: AudienceImportRun): Promise<AudienceImportCounts> {
    const enabled = new Set(await this.imports.enabledCarrierCodes());
    const qr = await this.imports.connect();
    let broken: Error | undefined;
    try {
      await qr.startTransaction();
      // Locked until commit, so that no other import or edit writes this audience meanwhile.
      const members = await this.imports.lockAudience(qr, input.campaignId, this.membersInMemory);
      const encode = (target: AudienceRowTarget): AudienceRowEncoder =>
        new AudienceRowEncoder(target, this.router, enabled, input.column ?? null, input.place ?? null);
      const { encoder, written } =
        members <= this.membersInMemory
          ? await this.copyIntoAudience(qr, input, members, encode)
          : await this.stageAndMerge(qr, input, encode);
      const counts: AudienceImportCounts = {
        importId: input.importId,
        phoneColumn: encoder.phoneColumn,
        rows: encoder.rows,
        rejected: encoder.rejected,
        ...written,
      };
      if (input.beforeCommit) await input.beforeCommit(qr.manager, counts);
      await this.imports.markCompleted(qr, counts.importId, counts);
      await qr.commitTransaction();
      return counts;
    } catch (err) {
      broken = err instanceof Error ? err : new Error(String(err));
      if (qr.isTransactionActive) {
        await qr.rollbackTransaction().catch((e: unknown) => {
          this.logger.warn(`rollback of import ${input.importId} failed: ${String(e)}`);
        });
      }
      throw err;
    } finally {
      // A COPY that failed half-way may leave the connection unusable: hand it back as broken (the pool closes it).
      await this.imports.release(qr, broken);
    }
  }

  /**
   * A list into an audience that is locked and empty, or small enough to hold its numbers: the members' numbers
   * read first, then each new number's first row COPYed straight into the audience — one write per row, as a bare
   * COPY — then the rejects from their spool, then this list's opted-out numbers taken out again (few, joined in
   * SQL).
   */
  private async copyIntoAudience(
    qr: QueryRunner,
    input: AudienceImportRun,
    members: number,
    encode: (target: AudienceRowTarget) => AudienceRowEncoder,
  ): Promise<{ encoder: AudienceRowEncoder; written: WrittenRows }> {
    const spool = new RejectSpool();
    try {
      const rows = new AudienceMemberRows(input.campaignId, input.importId, spool);
      if (members > 0) await rows.takeMembers(await this.imports.copyMembersOut(qr, input.campaignId));
      const encoder = encode(rows);
      await pipeline(input.source, csvParser(encoder), encoder, await this.imports.copyIntoAudience(qr));
      if (spool.rows > 0) await pipeline(spool.read(), await this.imports.copyRejects(qr));
      // Only rows this list wrote are dropped: each carrier's count is what it wrote less what went again.
      const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
      const dropped = await this.imports.dropOptedOut(qr, input.campaignId, sum(rows.byCarrier));
      const byCarrier: Record<string, number> = {};
      for (const [carrier, n] of Object.entries(rows.byCarrier)) {
        const left = n - (dropped[carrier] ?? 0);
        if (left > 0) byCarrier[carrier] = left;
      }
      const written = { accepted: sum(byCarrier), duplicates: rows.duplicates, optedOut: sum(dropped), byCarrier };
      return { encoder, written };
    } finally {
      spool.dispose();
    }
  }

  /**
   * A list added to an audience too large to hold its numbers (over AUDIENCE_IMPORT_MEMBERS_IN_MEMORY): every row
   * into a temporary staging table, then one INSERT … SELECT that drops duplicates, opted-out numbers and numbers
   * already in the audience. Holds nothing per row, at about half the speed.
   */
  private async stageAndMerge(
    qr: QueryRunner,
    input: AudienceImportRun,
    encode: (target: AudienceRowTarget) => AudienceRowEncoder,
  ): Promise<{ encoder: AudienceRowEncoder; written: WrittenRows }> {
    const encoder = encode(new StagingRows());
    await this.imports.createStaging(qr);
    const copy = await this.imports.copyIntoStaging(qr);
    await pipeline(input.source, csvParser(encoder), encoder, copy);
    await this.imports.analyzeStaging(qr);
    await this.imports.keepRejects(qr, input.importId);
    const merged = await this.imports.mergeStaging(qr, input.campaignId);
    const accepted = Object.values(merged.byCarrier).reduce((a, b) => a + b, 0);
    return {
      encoder,
      written: {
        accepted,
        duplicates: encoder.rows - encoder.rejected - merged.optedOut - accepted,
        optedOut: merged.optedOut,
        byCarrier: merged.byCarrier,
      },
    };
  }

  async find(campaignId: string, importId: string): Promise<AudienceImportView | null> {
    if (!isUuid(importId)) return null;
    return this.imports.find(campaignId, importId);
  }

  /** The import's rejected rows in line order, a page at a time (keyset on line_no): never the whole list. */
  async *rejects(importId: string, pageSize = 5000): AsyncGenerator<AudienceReject[]> {
    let after = 0;
    for (;;) {
      const page = await this.imports.rejectsAfter(importId, after, pageSize);
      if (!page.length) return;
      yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1].lineNo;
    }
  }
}
