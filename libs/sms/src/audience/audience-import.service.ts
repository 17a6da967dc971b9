import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CsvError, type InfoRecord, type Options as CsvOptions, parse } from 'csv-parse';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { readConfigJson } from '@loa/config';
import { CarrierRouter, loadPrefixTable, routeNumber } from '../numbering';
import { copyTextField, findPhoneColumn } from './audience-csv';
import { isUuid } from '@loa/common';

/** What an import did; every data row is counted exactly once: rows = accepted + duplicates + optedOut + rejected. */
export interface AudienceImportCounts {
  importId: string;
  /** Header name of the column read as the phone number. */
  phoneColumn: string | null;
  /** Data rows read (the header row and blank rows not counted). */
  rows: number;
  /** Numbers added to the campaign's audience by this import. */
  accepted: number;
  /** Rows whose number appeared earlier in the file, or is already in the campaign's audience. */
  duplicates: number;
  /** Numbers left out because they opted out. */
  optedOut: number;
  /** Rows that could not be used (see the rejects download). */
  rejected: number;
  /** Accepted numbers per carrier code. */
  byCarrier: Record<string, number>;
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
   * Runs in the import's transaction after its rows are in, before commit (the campaign's edit rules and audit);
   * throwing rolls the whole import back.
   */
  beforeCommit?: (m: EntityManager, counts: AudienceImportCounts) => Promise<void>;
}

export interface AudienceImportView {
  id: string;
  campaignId: string;
  status: 'running' | 'completed' | 'failed';
  fileName: string | null;
  rejected: number;
  createdAt: Date;
}

export interface AudienceReject {
  lineNo: number;
  input: string;
  reason: string;
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
                : 'Không hợp lệ';
  return `${vi} / ${error}`;
}

/** TypeORM's PostgresQueryRunner releases its pg client with an error so that pg-pool discards it. */
interface BrokenReleasable {
  releasePostgresConnection(err?: Error): Promise<void>;
}

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

  constructor(
    private readonly router: CarrierRouter,
    private readonly enabled: ReadonlySet<string>,
    private readonly column: string | null,
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
  private readonly router = new CarrierRouter(loadPrefixTable(readConfigJson('carrier-prefixes.json')));

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the import (status running) before anything is read; returns its id. */
  async begin(campaignId: string, userId: string, fileName: string | null): Promise<string> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO audience_imports (campaign_id, status, file_name, created_by) VALUES ($1, 'running', $2, $3)
       RETURNING id`,
      [campaignId, fileName?.normalize('NFC').slice(0, 255) ?? null, userId],
    );
    return row.id;
  }

  /** Streams the file into the campaign's audience in one transaction; marks the import failed on any error. */
  async run(input: AudienceImportRun): Promise<AudienceImportCounts> {
    try {
      return await this.copyAndMerge(input);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.dataSource
        .query(
          `UPDATE audience_imports SET status = 'failed', error = $2, finished_at = now()
            WHERE id = $1 AND status = 'running'`,
          [input.importId, message.slice(0, 1000)],
        )
        .catch((e: unknown) => this.logger.error(`could not mark import ${input.importId} failed: ${String(e)}`));
      throw err;
    }
  }

  private async copyAndMerge(input: AudienceImportRun): Promise<AudienceImportCounts> {
    const carriers: Array<{ code: string }> = await this.dataSource.query(`SELECT code FROM carriers WHERE enabled`);
    const encoder = new StagingEncoder(this.router, new Set(carriers.map((c) => c.code)), input.column ?? null);
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

    const qr = this.dataSource.createQueryRunner();
    const client = (await qr.connect()) as PoolClient;
    let broken: Error | undefined;
    try {
      await qr.startTransaction();
      await qr.query(
        `CREATE TEMP TABLE audience_staging (line_no bigint NOT NULL, input text, msisdn text, carrier_code text,
           reason text) ON COMMIT DROP`,
      );
      const copy = client.query(
        copyFrom(`COPY audience_staging (line_no, input, msisdn, carrier_code, reason) FROM STDIN`),
      );
      await pipeline(input.source, parser, encoder, copy);
      await qr.query(`ANALYZE audience_staging`);
      await qr.query(
        `INSERT INTO audience_import_rejects (import_id, line_no, input, reason)
         SELECT $1, line_no, input, reason FROM audience_staging WHERE reason IS NOT NULL`,
        [input.importId],
      );
      const [merged]: Array<{ opted_out: number; by_carrier: Record<string, number> }> = await qr.query(
        `WITH firsts AS MATERIALIZED (
           SELECT msisdn, min(carrier_code) AS carrier_code FROM audience_staging WHERE reason IS NULL GROUP BY msisdn
         ), flagged AS MATERIALIZED (
           SELECT f.msisdn, f.carrier_code, o.msisdn IS NOT NULL AS opted_out
             FROM firsts f LEFT JOIN opt_outs o ON o.msisdn = f.msisdn
         ), ins AS (
           INSERT INTO audience_members (campaign_id, msisdn, carrier_code)
           SELECT $1, msisdn, carrier_code FROM flagged WHERE NOT opted_out
           ON CONFLICT DO NOTHING RETURNING carrier_code
         )
         SELECT (SELECT count(*) FROM flagged WHERE opted_out)::int AS opted_out,
                (SELECT coalesce(jsonb_object_agg(carrier_code, n), '{}'::jsonb)
                   FROM (SELECT carrier_code, count(*)::int AS n FROM ins GROUP BY carrier_code) x) AS by_carrier`,
        [input.campaignId],
      );
      const accepted = Object.values(merged.by_carrier).reduce((a, b) => a + b, 0);
      const counts: AudienceImportCounts = {
        importId: input.importId,
        phoneColumn: encoder.phoneColumn,
        rows: encoder.rows,
        accepted,
        duplicates: encoder.rows - encoder.rejected - merged.opted_out - accepted,
        optedOut: merged.opted_out,
        rejected: encoder.rejected,
        byCarrier: merged.by_carrier,
      };
      if (input.beforeCommit) await input.beforeCommit(qr.manager, counts);
      await qr.query(
        `UPDATE audience_imports SET status = 'completed', phone_column = $2, rows_total = $3, accepted = $4,
                duplicates = $5, opted_out = $6, rejected = $7, by_carrier = $8, finished_at = now()
          WHERE id = $1`,
        [
          counts.importId,
          counts.phoneColumn,
          counts.rows,
          counts.accepted,
          counts.duplicates,
          counts.optedOut,
          counts.rejected,
          JSON.stringify(counts.byCarrier),
        ],
      );
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
      if (broken) await (qr as unknown as BrokenReleasable).releasePostgresConnection(broken);
      else await qr.release();
    }
  }

  async find(campaignId: string, importId: string): Promise<AudienceImportView | null> {
    if (!isUuid(importId)) return null;
    const rows: Array<{
      id: string;
      campaign_id: string;
      status: AudienceImportView['status'];
      file_name: string | null;
      rejected: string;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT id, campaign_id, status, file_name, rejected, created_at FROM audience_imports
        WHERE id = $1 AND campaign_id = $2`,
      [importId, campaignId],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          campaignId: r.campaign_id,
          status: r.status,
          fileName: r.file_name,
          rejected: Number(r.rejected),
          createdAt: r.created_at,
        }
      : null;
  }

  /** The import's rejected rows in line order, a page at a time (keyset on line_no): never the whole list. */
  async *rejects(importId: string, pageSize = 5000): AsyncGenerator<AudienceReject[]> {
    let after = 0;
    for (;;) {
      const rows: Array<{ line_no: string; input: string; reason: string }> = await this.dataSource.query(
        `SELECT line_no, input, reason FROM audience_import_rejects
          WHERE import_id = $1 AND line_no > $2 ORDER BY line_no LIMIT $3`,
        [importId, after, pageSize],
      );
      if (!rows.length) return;
      yield rows.map((r) => ({ lineNo: Number(r.line_no), input: r.input, reason: r.reason }));
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].line_no);
    }
  }
}
