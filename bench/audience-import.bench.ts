/**
 * Subscriber list import: AudienceImportService.run on a generated CSV of local numbers (csv-parse → normalise
 * and route → each number's first row COPYed straight into the empty audience, rejects kept, opted-out numbers
 * deleted) against a bare COPY of the same subscribers, already normalised and routed, straight into
 * audience_members — the floor any import pays to get rows into the table. Both sides start from an empty
 * audience of the same campaign. Two more runs, noted and not in the ratio, add the list to an audience that has
 * members: read into memory first and COPYed straight in (the default), and merged through a staging table (an
 * audience too large to hold).
 *
 * This is also where the million-row import is measured (BENCH_IMPORT_ROWS=1000000): the suite keeps a smaller
 * streamed import that checks flat memory, without a timing budget on a shared CI machine.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppConfig } from '@loa/config';
import { AudienceImportService, AudienceImportsRepository, CarrierRouter } from '@loa/sms';
import { benchRounds, scaledSize } from './support/bench-env';
import { BenchStack, withBenchStack } from './support/bench-stack';
import {
  BenchResult,
  Measurement,
  Series,
  interleave,
  progress,
  rate,
  round,
  throughputRatio,
  timed,
  total,
} from './support/measure';

/** Local prefixes of the generated numbers and the carriers they route to (config/carrier-prefixes.json). */
const PREFIXES = [
  { local: '096', carrierCode: 'viettel' },
  { local: '091', carrierCode: 'vinaphone' },
  { local: '090', carrierCode: 'mobifone' },
];
/** One row in this many is not a phone number (kept as a reject by the subject, absent from the baseline). */
const BAD_EVERY = 1000;
const CHUNK_ROWS = 5000;

function isBad(i: number): boolean {
  return i % BAD_EVERY === BAD_EVERY - 1;
}

/** Row i's number in local form ("0961234567") and its carrier. */
function subscriber(i: number): { local: string; carrierCode: string } {
  const p = PREFIXES[i % PREFIXES.length];
  return { local: `${p.local}${String(i).padStart(7, '0')}`, carrierCode: p.carrierCode };
}

/** What an editor uploads: a header, an ordinal and a local number per row, one bad row in BAD_EVERY. */
function generatedCsv(rows: number): Readable {
  let i = 0;
  let header = 'stt,so_dien_thoai\n';
  return new Readable({
    read() {
      let chunk = header;
      header = '';
      const end = Math.min(rows, i + CHUNK_ROWS);
      for (; i < end; i++) chunk += isBad(i) ? `${i},khong-co-so\n` : `${i},${subscriber(i).local}\n`;
      this.push(chunk);
      if (i >= rows) this.push(null);
    },
  });
}

/** The good rows as COPY text lines for audience_members, normalised to 84… and routed in advance. */
function normalisedCopyLines(campaignId: string, rows: number): Readable {
  let i = 0;
  return new Readable({
    read() {
      let chunk = '';
      const end = Math.min(rows, i + CHUNK_ROWS);
      for (; i < end; i++) {
        if (isBad(i)) continue;
        const s = subscriber(i);
        chunk += `${campaignId}\t84${s.local.slice(1)}\t${s.carrierCode}\n`;
      }
      this.push(chunk);
      if (i >= rows) this.push(null);
    },
  });
}

export async function runAudienceImportBench(): Promise<BenchResult> {
  const rows = scaledSize('BENCH_IMPORT_ROWS', 200_000, 5_000);
  const rounds = benchRounds();
  return withBenchStack({ deliveryBatchSize: 200 }, async (stack) => {
    const imports = stack.moduleRef.get(AudienceImportService);
    const campaignId = await stack.runningSmsCampaign(
      1,
      [{ carrierCode: 'viettel', msisdnPrefix: '8496', weight: 1 }],
      'x',
    );
    const [{ id: userId }]: Array<{ id: string }> = await stack.ds.query(
      `SELECT id FROM users WHERE role = 'editor' LIMIT 1`,
    );
    const expected = rows - Math.floor(rows / BAD_EVERY);
    let peakHeapGrowth = 0;
    let peakRssGrowth = 0;

    const emptyAudience = async (): Promise<void> => {
      await stack.ds.query(`DELETE FROM audience_members WHERE campaign_id = $1`, [campaignId]);
      await stack.ds.query(`VACUUM ANALYZE audience_members`);
    };
    const members = (): Promise<number> =>
      stack.countRows(`SELECT count(*) AS n FROM audience_members WHERE campaign_id = $1`, [campaignId]);

    const subjectRun = async (): Promise<Measurement> => {
      await emptyAudience();
      const importId = await imports.begin(campaignId, userId, 'bench.csv');
      const before = process.memoryUsage();
      let peak = before;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = { ...peak, heapUsed: Math.max(peak.heapUsed, m.heapUsed), rss: Math.max(peak.rss, m.rss) };
      }, 100);
      try {
        const t = await timed(() => imports.run({ importId, campaignId, source: generatedCsv(rows) }));
        const c = t.value;
        if (c.rows !== rows || c.accepted !== expected || c.rejected !== rows - expected) {
          throw new Error(`import counted ${JSON.stringify(c)}, expected ${rows} rows, ${expected} accepted`);
        }
        peakHeapGrowth = Math.max(peakHeapGrowth, (peak.heapUsed - before.heapUsed) / 1024 / 1024);
        peakRssGrowth = Math.max(peakRssGrowth, (peak.rss - before.rss) / 1024 / 1024);
        return { items: rows, seconds: t.seconds };
      } finally {
        clearInterval(sampler);
      }
    };

    const baselineRun = async (): Promise<Measurement> => {
      await emptyAudience();
      const t = await timed(() => bareCopy(stack, campaignId, rows));
      return { items: rows, seconds: t.seconds };
    };

    progress(`audience import: warm-up (${Math.min(rows, 20_000)} rows each way)`);
    await imports.run({
      importId: await imports.begin(campaignId, userId, 'warm-up.csv'),
      campaignId,
      source: generatedCsv(Math.min(rows, 20_000)),
    });
    await emptyAudience();
    await bareCopy(stack, campaignId, Math.min(rows, 20_000));

    const runs = await interleave(
      rounds,
      async (i) => {
        progress(`audience import: baseline run ${i + 1}/${rounds + 1}, bare COPY of ${expected} rows`);
        const m = await baselineRun();
        const n = await members();
        if (n !== expected) throw new Error(`bare COPY left ${n} members, expected ${expected}`);
        return m;
      },
      async (i) => {
        progress(`audience import: subject run ${i + 1}/${rounds}, a CSV of ${rows} rows`);
        const m = await subjectRun();
        const n = await members();
        if (n !== expected) throw new Error(`the import left ${n} members, expected ${expected}`);
        return m;
      },
    );
    const baseline: Series = { label: 'bare COPY into audience_members', runs: runs.baseline };
    // The same CSV added to an audience that already has members: read into memory first (the default up to
    // AUDIENCE_IMPORT_MEMBERS_IN_MEMORY) or, for a service told to hold none, merged through staging.
    const EXISTING = 100_000;
    const addedToMembers = async (service: AudienceImportService, way: string): Promise<string> => {
      progress(`audience import: a CSV of ${rows} rows added to ${EXISTING} members (${way})`);
      await emptyAudience();
      await stack.ds.query(
        `INSERT INTO audience_members (campaign_id, msisdn, carrier_code)
         SELECT $1, '8498' || lpad(i::text, 7, '0'), 'viettel' FROM generate_series(1, $2) i`,
        [campaignId, EXISTING],
      );
      await stack.ds.query(`ANALYZE audience_members`);
      const importId = await service.begin(campaignId, userId, 'added.csv');
      const t = await timed(() => service.run({ importId, campaignId, source: generatedCsv(rows) }));
      if (t.value.accepted !== expected || (await members()) !== expected + EXISTING) {
        throw new Error(`the import (${way}) counted ${JSON.stringify(t.value)}, expected ${expected} accepted`);
      }
      const rowsPerSecond = rows / t.seconds;
      return `${Math.round(rowsPerSecond)} rows/s, ${round(rowsPerSecond / rate(total(baseline)), 2)}× the bare COPY`;
    };
    const staging = new AudienceImportService(
      stack.moduleRef.get(AudienceImportsRepository),
      stack.moduleRef.get(CarrierRouter),
      { audience: { importMaxBytes: 0, membersInMemory: 0 } } as AppConfig,
    );
    const heldInMemory = await addedToMembers(imports, 'members held in memory');
    const mergedThroughStaging = await addedToMembers(staging, 'merged through staging');
    const subject: Series = { label: 'AudienceImportService.run (CSV)', runs: runs.subject };
    return {
      key: 'audienceImport',
      title: 'audience import',
      unit: 'rows',
      baseline,
      subject,
      ratio: throughputRatio(subject, baseline),
      notes: [
        `${rows} CSV rows per run (local numbers of 3 carriers, 1 in ${BAD_EVERY} not a number); the baseline ` +
          `copies the ${expected} good rows already normalised and routed`,
        `the same CSV added to an audience of ${EXISTING} members (one run each, not in the ratio): members held ` +
          `in memory ${heldInMemory}; merged through staging ${mergedThroughStaging}`,
        `peak growth during an import (sampled every 100 ms, no forced GC): heapUsed ` +
          `${round(peakHeapGrowth, 1)} MB, RSS ${round(peakRssGrowth, 1)} MB`,
      ],
    };
  });
}

async function bareCopy(stack: BenchStack, campaignId: string, rows: number): Promise<void> {
  const qr = stack.ds.createQueryRunner();
  const client = (await qr.connect()) as PoolClient;
  try {
    await pipeline(
      normalisedCopyLines(campaignId, rows),
      client.query(copyFrom(`COPY audience_members (campaign_id, msisdn, carrier_code) FROM STDIN`)),
    );
  } finally {
    await qr.release();
  }
}
