import { Readable, Writable } from 'node:stream';
import type { EntityManager, QueryRunner } from 'typeorm';
import type {
  AudienceImportTotals,
  AudienceImportView,
  AudienceImportsRepository,
  AudienceReject,
  StagingMerge,
} from './audience-imports.repository';

/** An `audience_imports` row as the fake keeps it. */
export interface FakeImport {
  id: string;
  campaignId: string;
  status: AudienceImportView['status'];
  fileName: string | null;
  createdBy: string;
  error: string | null;
  totals: AudienceImportTotals | null;
  createdAt: Date;
}

/** A row of the staging table, read back from the COPY text the service wrote. */
export interface FakeStagedRow {
  lineNo: number;
  input: string | null;
  msisdn: string | null;
  carrierCode: string | null;
  reason: string | null;
}

/** A field of COPY text format: `\N` is NULL; backslash escapes undone. */
function copyField(text: string): string | null {
  if (text === '\\N') return null;
  const escapes: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };
  return text.replace(/\\(.)/gu, (_, c: string) => escapes[c] ?? c);
}

/** A COPY … FROM STDIN stand-in: each text line's fields, when the stream ends (an error there fails the COPY). */
function copyLines(onLine: (fields: string[]) => void): Writable {
  let text = '';
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
    final(done) {
      try {
        for (const line of text.split('\n')) if (line !== '') onLine(line.split('\t'));
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

/**
 * The import's connection: a transaction whose writes are applied on commit and dropped on rollback, and the
 * rows COPYed into its staging table.
 */
export class FakeImportRunner {
  constructor(private readonly onCommitCopied: (row: FakeImportRunner['copied'][number]) => void) {}

  /** Stands for the transaction's EntityManager (what `beforeCommit` receives). */
  readonly manager = { fake: 'import transaction' } as unknown as EntityManager;
  state: 'idle' | 'open' | 'committed' | 'rolled back' = 'idle';
  staging: FakeStagedRow[] | null = null;
  /** Rows COPYed straight into the audience in this transaction, not yet committed. */
  readonly copied: Array<{ campaignId: string; msisdn: string; carrierCode: string }> = [];
  /** The repository's statements run on this connection, in order. */
  readonly statements: RepositoryMethod[] = [];
  /** Writes made in the transaction, applied on commit. */
  readonly pending: Array<() => void> = [];

  get isTransactionActive(): boolean {
    return this.state === 'open';
  }

  async startTransaction(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`fake: transaction already ${this.state}`);
    this.state = 'open';
  }

  async commitTransaction(): Promise<void> {
    if (this.state !== 'open') throw new Error(`fake: commit while ${this.state}`);
    for (const r of this.copied) this.onCommitCopied(r);
    for (const write of this.pending) write();
    this.pending.length = 0;
    this.state = 'committed';
  }

  async rollbackTransaction(): Promise<void> {
    if (this.state !== 'open') throw new Error(`fake: rollback while ${this.state}`);
    this.pending.length = 0;
    this.copied.length = 0;
    this.state = 'rolled back';
  }
}

type RepositoryMethod = keyof AudienceImportsRepository;

/**
 * In-memory AudienceImportsRepository: imports, their rejects, campaign audiences and opt-outs in maps; the
 * merge does in JavaScript what the SQL does (first carrier per number, opted-out numbers left out, numbers
 * already in the audience skipped), a COPY into the audience refuses a number it already holds, as the primary
 * key does. `failures` makes a method throw.
 */
export class FakeAudienceImportsRepository implements Pick<AudienceImportsRepository, RepositoryMethod> {
  readonly imports = new Map<string, FakeImport>();
  readonly rejects = new Map<string, AudienceReject[]>();
  /** campaign id → msisdn → carrier code */
  readonly members = new Map<string, Map<string, string>>();
  readonly optOuts = new Set<string>();
  enabledCarriers: string[] = ['viettel', 'vinaphone', 'mobifone'];
  readonly runners: FakeImportRunner[] = [];
  /** Each connection given back, and the error it was given back as broken with. */
  readonly released: Array<{ runner: FakeImportRunner; broken: Error | undefined }> = [];
  /** Calls of `rejectsAfter`, to follow the paging. */
  readonly rejectPages: Array<{ importId: string; afterLine: number; limit: number }> = [];
  readonly failures: Partial<Record<RepositoryMethod, Error>> = {};
  private nextId = 1;

  /** An import of `campaignId` in the given state, as if begun earlier. */
  seedImport(campaignId: string, rejects: AudienceReject[] = []): string {
    const id = this.newId();
    this.imports.set(id, {
      id,
      campaignId,
      status: 'completed',
      fileName: null,
      createdBy: 'seed',
      error: null,
      totals: null,
      createdAt: new Date(),
    });
    this.rejects.set(id, rejects);
    return id;
  }

  audience(campaignId: string): Map<string, string> {
    let m = this.members.get(campaignId);
    if (!m) this.members.set(campaignId, (m = new Map()));
    return m;
  }

  async create(campaignId: string, fileName: string | null, createdBy: string): Promise<string> {
    this.failIf('create');
    const id = this.newId();
    this.imports.set(id, {
      id,
      campaignId,
      status: 'running',
      fileName,
      createdBy,
      error: null,
      totals: null,
      createdAt: new Date(),
    });
    return id;
  }

  async markFailed(importId: string, error: string): Promise<void> {
    this.failIf('markFailed');
    const row = this.imports.get(importId);
    if (row?.status === 'running') Object.assign(row, { status: 'failed', error });
  }

  async enabledCarrierCodes(): Promise<string[]> {
    this.failIf('enabledCarrierCodes');
    return [...this.enabledCarriers];
  }

  async connect(): Promise<QueryRunner> {
    this.failIf('connect');
    const runner = new FakeImportRunner((r) => this.audience(r.campaignId).set(r.msisdn, r.carrierCode));
    this.runners.push(runner);
    return runner as unknown as QueryRunner;
  }

  async release(qr: QueryRunner, broken?: Error): Promise<void> {
    this.released.push({ runner: this.runner(qr), broken });
  }

  async lockAudience(qr: QueryRunner, campaignId: string, upTo: number): Promise<number> {
    this.failIf('lockAudience');
    this.open(qr, 'lockAudience');
    return Math.min(this.audience(campaignId).size, upTo + 1);
  }

  async copyMembersOut(qr: QueryRunner, campaignId: string): Promise<Readable> {
    this.failIf('copyMembersOut');
    this.open(qr, 'copyMembersOut');
    // In chunks that cut numbers in two, as a COPY … TO STDOUT may.
    const text = [...this.audience(campaignId).keys()].map((m) => `${m}\n`).join('');
    return Readable.from(text.match(/[\s\S]{1,7}/gu) ?? []);
  }

  /** Like the real COPY, refuses a number the audience (or this COPY) already holds: the primary key. */
  async copyIntoAudience(qr: QueryRunner): Promise<Writable> {
    this.failIf('copyIntoAudience');
    const runner = this.open(qr, 'copyIntoAudience');
    const held = (campaignId: string, msisdn: string): boolean =>
      this.audience(campaignId).has(msisdn) ||
      runner.copied.some((r) => r.campaignId === campaignId && r.msisdn === msisdn);
    return copyLines((fields) => {
      const [campaignId, msisdn, carrierCode] = fields.map((f) => copyField(f) ?? '');
      if (held(campaignId, msisdn)) throw new Error(`fake: duplicate key (${campaignId}, ${msisdn})`);
      runner.copied.push({ campaignId, msisdn, carrierCode });
    });
  }

  async copyRejects(qr: QueryRunner): Promise<Writable> {
    this.failIf('copyRejects');
    const runner = this.open(qr, 'copyRejects');
    return copyLines((fields) => {
      const [importId, lineNo, input, reason] = fields.map((f) => copyField(f) ?? '');
      const reject = { lineNo: Number(lineNo), input, reason };
      runner.pending.push(() => this.rejects.set(importId, [...(this.rejects.get(importId) ?? []), reject]));
    });
  }

  /** Only rows COPYed in this transaction, as the real statement's `xmin` test. */
  async dropOptedOut(qr: QueryRunner, campaignId: string): Promise<Record<string, number>> {
    this.failIf('dropOptedOut');
    const runner = this.open(qr, 'dropOptedOut');
    const byCarrier: Record<string, number> = {};
    for (let i = runner.copied.length - 1; i >= 0; i--) {
      const r = runner.copied[i];
      if (r.campaignId !== campaignId || !this.optOuts.has(r.msisdn)) continue;
      byCarrier[r.carrierCode] = (byCarrier[r.carrierCode] ?? 0) + 1;
      runner.copied.splice(i, 1);
    }
    return byCarrier;
  }

  async createStaging(qr: QueryRunner): Promise<void> {
    this.failIf('createStaging');
    this.open(qr, 'createStaging').staging = [];
  }

  async copyIntoStaging(qr: QueryRunner): Promise<Writable> {
    this.failIf('copyIntoStaging');
    const runner = this.open(qr, 'copyIntoStaging');
    const staging = runner.staging;
    if (!staging) throw new Error('fake: COPY before the staging table exists');
    return copyLines(([lineNo, input, msisdn, carrierCode, reason]) => {
      staging.push({
        lineNo: Number(lineNo),
        input: copyField(input),
        msisdn: copyField(msisdn),
        carrierCode: copyField(carrierCode),
        reason: copyField(reason),
      });
    });
  }

  async analyzeStaging(qr: QueryRunner): Promise<void> {
    this.failIf('analyzeStaging');
    this.open(qr, 'analyzeStaging');
  }

  async keepRejects(qr: QueryRunner, importId: string): Promise<void> {
    this.failIf('keepRejects');
    const runner = this.open(qr, 'keepRejects');
    const kept = (runner.staging ?? [])
      .filter((r) => r.reason !== null)
      .map((r) => ({ lineNo: r.lineNo, input: r.input ?? '', reason: r.reason ?? '' }));
    runner.pending.push(() => this.rejects.set(importId, [...(this.rejects.get(importId) ?? []), ...kept]));
  }

  async mergeStaging(qr: QueryRunner, campaignId: string): Promise<StagingMerge> {
    this.failIf('mergeStaging');
    const runner = this.open(qr, 'mergeStaging');
    const firsts = new Map<string, string>();
    for (const r of runner.staging ?? []) {
      if (r.reason !== null || r.msisdn === null || r.carrierCode === null) continue;
      const seen = firsts.get(r.msisdn);
      if (seen === undefined || r.carrierCode < seen) firsts.set(r.msisdn, r.carrierCode);
    }
    const audience = this.audience(campaignId);
    const added = new Map<string, string>();
    let optedOut = 0;
    for (const [msisdn, carrierCode] of firsts) {
      if (this.optOuts.has(msisdn)) optedOut++;
      else if (!audience.has(msisdn)) added.set(msisdn, carrierCode);
    }
    runner.pending.push(() => added.forEach((carrierCode, msisdn) => audience.set(msisdn, carrierCode)));
    const byCarrier: Record<string, number> = {};
    for (const carrierCode of added.values()) byCarrier[carrierCode] = (byCarrier[carrierCode] ?? 0) + 1;
    return { optedOut, byCarrier };
  }

  async markCompleted(qr: QueryRunner, importId: string, totals: AudienceImportTotals): Promise<void> {
    this.failIf('markCompleted');
    const runner = this.open(qr, 'markCompleted');
    const row = this.imports.get(importId);
    if (!row) return;
    // Only what the statement stores: a copy of the totals, without the caller's other fields.
    const stored: AudienceImportTotals = {
      phoneColumn: totals.phoneColumn,
      rows: totals.rows,
      accepted: totals.accepted,
      duplicates: totals.duplicates,
      optedOut: totals.optedOut,
      rejected: totals.rejected,
      byCarrier: { ...totals.byCarrier },
    };
    runner.pending.push(() => Object.assign(row, { status: 'completed', totals: stored }));
  }

  async find(campaignId: string, importId: string): Promise<AudienceImportView | null> {
    this.failIf('find');
    const row = this.imports.get(importId);
    if (!row || row.campaignId !== campaignId) return null;
    return {
      id: row.id,
      campaignId: row.campaignId,
      status: row.status,
      fileName: row.fileName,
      rejected: (this.rejects.get(row.id) ?? []).length,
      createdAt: row.createdAt,
    };
  }

  async rejectsAfter(importId: string, afterLine: number, limit: number): Promise<AudienceReject[]> {
    this.failIf('rejectsAfter');
    this.rejectPages.push({ importId, afterLine, limit });
    return [...(this.rejects.get(importId) ?? [])]
      .sort((a, b) => a.lineNo - b.lineNo)
      .filter((r) => r.lineNo > afterLine)
      .slice(0, limit);
  }

  private newId(): string {
    return `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
  }

  private failIf(method: RepositoryMethod): void {
    const err = this.failures[method];
    if (err) throw err;
  }

  private runner(qr: QueryRunner): FakeImportRunner {
    const runner = qr as unknown as FakeImportRunner;
    if (!this.runners.includes(runner)) throw new Error('fake: not a connection of this repository');
    return runner;
  }

  /** The runner, which must be in its transaction: staging statements run nowhere else. */
  private open(qr: QueryRunner, statement: RepositoryMethod): FakeImportRunner {
    const runner = this.runner(qr);
    if (!runner.isTransactionActive) throw new Error(`fake: ${statement} outside the import's transaction`);
    runner.statements.push(statement);
    return runner;
  }
}
