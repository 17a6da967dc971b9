import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable, Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';

/** What a completed import counts (ARCHITECTURE §4.4); stored on its `audience_imports` row. */
export interface AudienceImportTotals {
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

/** What merging the staged rows into the audience did: numbers left out as opted out, numbers added per carrier. */
export interface StagingMerge {
  optedOut: number;
  byCarrier: Record<string, number>;
}

interface ImportRow {
  id: string;
  campaign_id: string;
  status: AudienceImportView['status'];
  file_name: string | null;
  rejected: string;
  created_at: Date;
}

interface RejectRow {
  line_no: string;
  input: string;
  reason: string;
}

interface MergeRow {
  opted_out: number;
  by_carrier: Record<string, number>;
}

/** TypeORM's PostgresQueryRunner releases its pg client with an error so that pg-pool discards it. */
interface BrokenReleasable {
  releasePostgresConnection(err?: Error): Promise<void>;
}

/** The rows of this import's transaction that an opt-out names, found by walking the list (see dropOptedOut). */
const DROP_OPTED_OUT_BY_LIST = `WITH dropped AS (
     DELETE FROM audience_members a USING opt_outs o
      WHERE a.campaign_id = $1 AND a.msisdn = o.msisdn AND a.xmin = pg_current_xact_id()::xid
     RETURNING a.carrier_code
   )
   SELECT carrier_code, count(*)::int AS n FROM dropped GROUP BY carrier_code`;

/**
 * The same rows found by looking each opt-out up in the audience's key: the lateral subquery names the opt-out, so
 * the opt-outs are the outer side, and OFFSET 0 keeps the planner from flattening it back into a join it may walk
 * from the list (it did: 2 s on 200,000 rows).
 */
const DROP_OPTED_OUT_BY_OPT_OUTS = `WITH dropped AS (
     DELETE FROM audience_members a
      USING opt_outs o
      CROSS JOIN LATERAL (
        SELECT m.ctid FROM audience_members m WHERE m.campaign_id = $1 AND m.msisdn = o.msisdn OFFSET 0
      ) hit
      WHERE a.ctid = hit.ctid AND a.xmin = pg_current_xact_id()::xid
     RETURNING a.carrier_code
   )
   SELECT carrier_code, count(*)::int AS n FROM dropped GROUP BY carrier_code`;

/**
 * The SQL of subscriber-list imports: `audience_imports` and `audience_import_rejects`, the COPY of a list
 * straight into `audience_members` (its members read out first, its opted-out numbers deleted after), and the
 * temporary staging table a list added to a very large audience is COPYed into before merging (skipping
 * `opt_outs`).
 * The staging statements run on the import's own query runner (one connection, one transaction), which the
 * caller opens with `connect()` and hands back to `release()`.
 */
@Injectable()
export class AudienceImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an import as running before anything is read; returns its id. */
  async create(campaignId: string, fileName: string | null, createdBy: string): Promise<string> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO audience_imports (campaign_id, status, file_name, created_by) VALUES ($1, 'running', $2, $3)
       RETURNING id`,
      [campaignId, fileName, createdBy],
    );
    return row.id;
  }

  /** running → failed with its error (outside the import's transaction, which has been rolled back). */
  async markFailed(importId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE audience_imports SET status = 'failed', error = $2, finished_at = now()
        WHERE id = $1 AND status = 'running'`,
      [importId, error],
    );
  }

  /** Codes of the carriers Loa has a connection to: numbers of other carriers are rejected. */
  async enabledCarrierCodes(): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.dataSource.query(`SELECT code FROM carriers WHERE enabled`);
    return rows.map((r) => r.code);
  }

  /** A query runner on a connection of its own (a pg client, so that COPY can stream on it); not yet in a transaction. */
  async connect(): Promise<QueryRunner> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    return qr;
  }

  /**
   * Gives the import's connection back. One a COPY failed on half-way may be unusable: passing the error hands it
   * back as broken, so that the pool closes it.
   */
  async release(qr: QueryRunner, broken?: Error): Promise<void> {
    if (broken) await (qr as unknown as BrokenReleasable).releasePostgresConnection(broken);
    else await qr.release();
  }

  /**
   * Locks the campaign's audience for the import's transaction and answers how many members it has, counting no
   * further than `upTo` + 1 — asked after the locks, so that a list another import or an edit just committed is
   * counted. Two locks, each the weakest that does its part:
   * - an advisory lock of the campaign's audience, so that two imports of one campaign take turns;
   * - its campaign row `FOR SHARE`, so that an edit of the campaign (its compare-and-set `UPDATE`, or `FOR UPDATE`)
   *   waits for the import, and the import for an edit under way.
   *
   * The row itself was locked `FOR NO KEY UPDATE` before, which did both: but then every row's foreign-key check
   * (`FOR KEY SHARE` of the same campaign row) cost PostgreSQL more, and the import ran at 0.81–0.82 of a bare COPY
   * (`npm run bench`, `audienceImport`) against 0.97–1.01 with these two locks. The import's commit-time check
   * (`beforeCommit`: the campaign's status `FOR UPDATE`) upgrades its own lock without waiting for an edit queued
   * behind it: PostgreSQL lets the sole holder of a row lock upgrade it.
   */
  async lockAudience(qr: QueryRunner, campaignId: string, upTo: number): Promise<number> {
    await qr.query(`SELECT pg_advisory_xact_lock(hashtext('loa:audience:' || $1::text))`, [campaignId]);
    const locked: unknown[] = await qr.query(`SELECT 1 FROM campaigns WHERE id = $1 FOR SHARE`, [campaignId]);
    if (locked.length === 0) throw new Error(`campaign ${campaignId} does not exist`);
    const [row]: Array<{ n: number }> = await qr.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM audience_members WHERE campaign_id = $1 LIMIT $2) m`,
      [campaignId, upTo + 1],
    );
    return row.n;
  }

  /** The numbers of the campaign's audience, one a line (COPY … TO STDOUT: streamed, never a result set held). */
  async copyMembersOut(qr: QueryRunner, campaignId: string): Promise<Readable> {
    const client = (await qr.connect()) as PoolClient;
    // COPY takes no parameters: the id goes in as a quoted literal.
    const id = client.escapeLiteral(campaignId);
    return client.query(copyTo(`COPY (SELECT msisdn FROM audience_members WHERE campaign_id = ${id}) TO STDOUT`));
  }

  /**
   * A COPY … FROM STDIN straight into `audience_members` (`campaign_id, msisdn, carrier_code`), for an audience that
   * is locked and whose members the caller has read: it writes each new number once.
   */
  copyIntoAudience(qr: QueryRunner): Promise<Writable> {
    return this.copyIn(qr, `COPY audience_members (campaign_id, msisdn, carrier_code) FROM STDIN`);
  }

  /** A COPY … FROM STDIN into the import's rejects (`import_id, line_no, input, reason`). */
  copyRejects(qr: QueryRunner): Promise<Writable> {
    return this.copyIn(qr, `COPY audience_import_rejects (import_id, line_no, input, reason) FROM STDIN`);
  }

  /**
   * Takes the opted-out numbers out of the rows this transaction COPYed into the audience — those whose `xmin` is
   * its own id (the import runs no savepoints), so that members from earlier imports are left as they are; answers
   * how many per carrier. `copied` is how many rows the import COPYed: the statement walks the smaller side. The
   * planner cannot tell which: the audience's statistics predate the COPY (an audience that was empty looks
   * empty), so left to itself it walked all 200,000 rows of a list, probing the opt-outs for each (~0.1 s), even
   * with no opt-out at all. When the opt-outs are fewer (`reltuples`, an estimate: either way the answer is the
   * same), each is looked up in the audience's key instead.
   */
  async dropOptedOut(qr: QueryRunner, campaignId: string, copied: number): Promise<Record<string, number>> {
    const [{ n: optOuts }]: Array<{ n: number }> = await qr.query(
      `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'opt_outs'::regclass`,
    );
    const rows: Array<{ carrier_code: string; n: number }> = await qr.query(
      optOuts < copied ? DROP_OPTED_OUT_BY_OPT_OUTS : DROP_OPTED_OUT_BY_LIST,
      [campaignId],
    );
    return Object.fromEntries(rows.map((r) => [r.carrier_code, r.n]));
  }

  /** The temporary staging table, dropped when the import's transaction ends. */
  async createStaging(qr: QueryRunner): Promise<void> {
    await qr.query(
      `CREATE TEMP TABLE audience_staging (line_no bigint NOT NULL, input text, msisdn text, carrier_code text,
         reason text) ON COMMIT DROP`,
    );
  }

  /**
   * A COPY … FROM STDIN into the staging table, on the runner's own pg client: write COPY text lines of
   * `line_no, input, msisdn, carrier_code, reason` to it (a rejected row has a reason and no msisdn); it
   * finishes when ended.
   */
  copyIntoStaging(qr: QueryRunner): Promise<Writable> {
    return this.copyIn(qr, `COPY audience_staging (line_no, input, msisdn, carrier_code, reason) FROM STDIN`);
  }

  /** A COPY … FROM STDIN on the runner's own pg client (the one its transaction runs on). */
  private async copyIn(qr: QueryRunner, statement: string): Promise<Writable> {
    const client = (await qr.connect()) as PoolClient;
    return client.query(copyFrom(statement));
  }

  /** Fresh statistics on the staged rows, so that the merge is planned for their real number. */
  async analyzeStaging(qr: QueryRunner): Promise<void> {
    await qr.query(`ANALYZE audience_staging`);
  }

  /** Keeps the staged rows that have a reason as the import's rejects (the rejects download). */
  async keepRejects(qr: QueryRunner, importId: string): Promise<void> {
    await qr.query(
      `INSERT INTO audience_import_rejects (import_id, line_no, input, reason)
       SELECT $1, line_no, input, reason FROM audience_staging WHERE reason IS NOT NULL`,
      [importId],
    );
  }

  /**
   * Adds the staged numbers to the campaign's audience in one statement: the first carrier seen per number,
   * opted-out numbers left out (joined in SQL), numbers already in the audience skipped by its primary key.
   */
  async mergeStaging(qr: QueryRunner, campaignId: string): Promise<StagingMerge> {
    const [merged]: MergeRow[] = await qr.query(
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
      [campaignId],
    );
    return { optedOut: merged.opted_out, byCarrier: merged.by_carrier };
  }

  /** running → completed with its counts, in the import's transaction. */
  async markCompleted(qr: QueryRunner, importId: string, totals: AudienceImportTotals): Promise<void> {
    await qr.query(
      `UPDATE audience_imports SET status = 'completed', phone_column = $2, rows_total = $3, accepted = $4,
              duplicates = $5, opted_out = $6, rejected = $7, by_carrier = $8, finished_at = now()
        WHERE id = $1`,
      [
        importId,
        totals.phoneColumn,
        totals.rows,
        totals.accepted,
        totals.duplicates,
        totals.optedOut,
        totals.rejected,
        JSON.stringify(totals.byCarrier),
      ],
    );
  }

  /** One import of the campaign, or null. */
  async find(campaignId: string, importId: string): Promise<AudienceImportView | null> {
    const rows: ImportRow[] = await this.dataSource.query(
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

  /** Up to `limit` rejects of the import after line `afterLine`, in line order (keyset paging). */
  async rejectsAfter(importId: string, afterLine: number, limit: number): Promise<AudienceReject[]> {
    const rows: RejectRow[] = await this.dataSource.query(
      `SELECT line_no, input, reason FROM audience_import_rejects
        WHERE import_id = $1 AND line_no > $2 ORDER BY line_no LIMIT $3`,
      [importId, afterLine, limit],
    );
    return rows.map((r) => ({ lineNo: Number(r.line_no), input: r.input, reason: r.reason }));
  }
}
