import { Injectable, Logger } from '@nestjs/common';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CsvError, type InfoRecord, type Options as CsvOptions, parse } from 'csv-parse';
import { EntityManager } from 'typeorm';
import { CarrierRouter, routeNumber } from '../numbering';
import { copyTextField, findPhoneColumn, findPlaceColumn } from './audience-csv';
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

/** The file as a whole cannot be imported (its rows can: those are rejected one by one and counted). */
export class AudienceFileError extends Error {
  constructor(
    readonly reason: 'no_phone_column' | 'record_too_large',
    message: string,
  ) {
    super(message);
    this.name = 'AudienceFileError';
  }
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

/** A record longer than this is an unclosed quote swallowing the file: refused, so memory stays bounded. */
const MAX_RECORD_BYTES = 64 * 1024;
/** Rows are handed to COPY in chunks of about this many characters. */
const COPY_CHUNK_CHARS = 64 * 1024;
/** A rejected input is kept up to this many characters. */
const MAX_INPUT_CHARS = 200;

/** Vietnamese first, then the numbering library's English reason. */
function bilingualReason(error: string): string {
  const vi = error.startsWith('empty')
    ? 'Trống'
    : error.startsWith('wrong length')
      ? 'Sai độ dài'
      : error.startsWith('not Vietnamese')
        ? 'Không phải số Việt Nam'
        : error.startsWith('contains')
          ? 'Có ký tự không phải chữ số'
          : error.startsWith('not a mobile') || error.startsWith('no carrier')
            ? 'Không phải số di động'
            : error.startsWith('no connection')
              ? 'Chưa kết nối nhà mạng này'
              : error.startsWith('CSV')
                ? 'Dòng CSV lỗi'
                : error.startsWith('outside')
                  ? 'Ngoài khu vực của chiến dịch'
                  : 'Không hợp lệ';
  return `${vi} / ${error}`;
}

/** Whether a place, as the list writes it, lies in the campaign's area: in, out, or cannot tell. */
export interface PlaceFilter {
  column: string | null;
  verdict(place: string): 'in' | 'out' | 'unknown';
}

/** Places a list repeats are judged once (bounded, so a list of unique junk cannot grow it without end). */
const MAX_PLACES_REMEMBERED = 10_000;

interface ParsedRecord {
  cells: string[];
  line: number;
}

function toParsedRecord(cells: string[], ctx: InfoRecord): ParsedRecord {
  return { cells, line: ctx.lines };
}

/**
 * CSV records in, COPY text lines out (to the staging table): each data row normalised and routed, or rejected
 * with its reason. Holds at most one output chunk; Transform's own buffering gives backpressure both ways.
 */
class StagingEncoder extends Transform {
  phoneIndex = -1;
  phoneColumn: string | null = null;
  rows = 0;
  rejected = 0;
  private lastLine = 0;
  private out = '';

  private placeIndex = -1;
  private readonly verdicts = new Map<string, 'in' | 'out' | 'unknown'>();

  constructor(
    private readonly router: CarrierRouter,
    private readonly enabled: ReadonlySet<string>,
    private readonly column: string | null,
    private readonly place: PlaceFilter | null = null,
  ) {
    super({ writableObjectMode: true, readableObjectMode: false, readableHighWaterMark: 4 * COPY_CHUNK_CHARS });
  }

  /** Strictly increasing line numbers (they key the rejects table and its paging). */
  private lineNo(line: number): number {
    this.lastLine = Math.max(line, this.lastLine + 1);
    return this.lastLine;
  }

  /** A row csv-parse could not read (unclosed quote…): counted and rejected, the import goes on. */
  skipped(err: CsvError | undefined, line: number): void {
    if (this.phoneIndex < 0) return;
    this.rows++;
    this.reject(this.lineNo(line), '', `CSV: ${err?.message ?? 'unreadable record'}`);
  }

  private reject(line: number, input: string, error: string): void {
    this.rejected++;
    this.out += `${line}\t${copyTextField(input.slice(0, MAX_INPUT_CHARS))}\t\\N\t\\N\t${copyTextField(bilingualReason(error))}\n`;
  }

  override _transform(rec: ParsedRecord, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.phoneIndex < 0) {
      const found = findPhoneColumn(rec.cells, this.column);
      if (found.error !== null) return done(new AudienceFileError('no_phone_column', found.error));
      this.phoneIndex = found.index;
      this.phoneColumn = found.name.trim();
      if (this.place) this.placeIndex = findPlaceColumn(rec.cells, this.place.column);
      this.lastLine = rec.line;
      return done();
    }
    // Spreadsheets export trailing ",,," rows: blank rows are not data.
    if (rec.cells.every((c) => c.trim() === '')) return done();
    this.rows++;
    const line = this.lineNo(rec.line);
    const input = rec.cells[this.phoneIndex] ?? '';
    const r = routeNumber(input, this.router);
    if (r.error !== null || r.msisdn === null || r.carrier === null) {
      this.reject(line, input, r.error ?? 'cannot route');
    } else if (!this.enabled.has(r.carrier)) {
      this.reject(line, input, `no connection configured for carrier ${r.carrier}`);
    } else if (this.outsideArea(rec.cells)) {
      const where = (rec.cells[this.placeIndex] ?? '').trim();
      this.reject(line, input, `outside the campaign's area: ${where}`);
    } else {
      this.out += `${line}\t\\N\t${r.msisdn}\t${r.carrier}\t\\N\n`;
    }
    if (this.out.length >= COPY_CHUNK_CHARS) {
      const chunk = this.out;
      this.out = '';
      this.push(chunk);
    }
    done();
  }

  /** Whether the row's place column names a place outside the campaign's area (unknown places are kept). */
  private outsideArea(cells: string[]): boolean {
    if (!this.place || this.placeIndex < 0) return false;
    const where = (cells[this.placeIndex] ?? '').trim().normalize('NFC');
    if (where === '') return false;
    let verdict = this.verdicts.get(where);
    if (verdict === undefined) {
      verdict = this.place.verdict(where);
      if (this.verdicts.size < MAX_PLACES_REMEMBERED) this.verdicts.set(where, verdict);
    }
    return verdict === 'out';
  }

  override _flush(done: TransformCallback): void {
    if (this.phoneIndex < 0) {
      return done(
        new AudienceFileError('no_phone_column', 'Tệp trống: không có dòng tiêu đề / the file is empty: no header row'),
      );
    }
    if (this.out) this.push(this.out);
    this.out = '';
    done();
  }
}

/**
 * Imports a subscriber list from CSV by streaming (ARCHITECTURE §4.4): csv-parse → normalise and route →
 * COPY into a temporary staging table → one INSERT … SELECT that drops opted-out numbers (joined in SQL) and
 * duplicates (GROUP BY, then the audience's primary key with ON CONFLICT DO NOTHING). Nothing holds the rows
 * in memory; a bad row is counted and kept with its reason, never fatal.
 */
@Injectable()
export class AudienceImportService {
  private readonly logger = new Logger(AudienceImportService.name);
  constructor(
    private readonly imports: AudienceImportsRepository,
    private readonly router: CarrierRouter,
  ) {}

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
    const carriers = await this.imports.enabledCarrierCodes();
    const encoder = new StagingEncoder(this.router, new Set(carriers), input.column ?? null, input.place ?? null);
    const parser = parse({
      bom: true,
      // Vietnamese-locale Excel separates with ";"; tab for pasted sheets.
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_BYTES,
      // Records leave the parser with their line number (csv-parse's typings expect string[] back).
      on_record: toParsedRecord as unknown as CsvOptions['on_record'],
      on_skip: (err: CsvError | undefined) => {
        if (err?.code === 'CSV_MAX_RECORD_SIZE') {
          // csv-parse cannot resume after this one: the rest of the file would be lost, so refuse the file.
          parser.destroy(
            new AudienceFileError(
              'record_too_large',
              `Dòng ${err.lines}: bản ghi dài quá ${MAX_RECORD_BYTES} byte (có thể thiếu dấu " đóng) / ` +
                `line ${err.lines}: a record is longer than ${MAX_RECORD_BYTES} bytes (an unclosed quote?)`,
            ),
          );
          return undefined;
        }
        encoder.skipped(err, typeof err?.lines === 'number' ? err.lines : 0);
        return undefined;
      },
    });

    const qr = await this.imports.connect();
    let broken: Error | undefined;
    try {
      await qr.startTransaction();
      await this.imports.createStaging(qr);
      const copy = await this.imports.copyIntoStaging(qr);
      await pipeline(input.source, parser, encoder, copy);
      await this.imports.analyzeStaging(qr);
      await this.imports.keepRejects(qr, input.importId);
      const merged = await this.imports.mergeStaging(qr, input.campaignId);
      const accepted = Object.values(merged.byCarrier).reduce((a, b) => a + b, 0);
      const counts: AudienceImportCounts = {
        importId: input.importId,
        phoneColumn: encoder.phoneColumn,
        rows: encoder.rows,
        accepted,
        duplicates: encoder.rows - encoder.rejected - merged.optedOut - accepted,
        optedOut: merged.optedOut,
        rejected: encoder.rejected,
        byCarrier: merged.byCarrier,
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
