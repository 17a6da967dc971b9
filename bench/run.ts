/**
 * `npm run bench`: runs every benchmark in turn, prints the environment and a table of throughputs and ratios
 * (each against a baseline measured in the same run), then one JSON line with the same figures.
 * Exits non-zero when a benchmark failed. See bench/README.md.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runAudienceImportBench } from './audience-import.bench';
import { runAudioProbeBench } from './audio-probe.bench';
import { runEmailSendBench } from './email-send.bench';
import { runEmbedBench } from './embed.bench';
import { runFanoutBench } from './fanout.bench';
import { runReceiptClaimBench } from './receipt-claim.bench';
import { runSmsSendBench } from './sms-send.bench';
import { EnvironmentFacts, environmentFacts } from './support/bench-env';
import { BenchResult, Series, progress, rate, round, spreadPercent, timed, total } from './support/measure';

interface Benchmark {
  key: string;
  /** One result, or several when a benchmark's runs serve more than one comparison. */
  run(): Promise<BenchResult | BenchResult[]>;
}

const BENCHMARKS: Benchmark[] = [
  { key: 'fanout', run: runFanoutBench },
  { key: 'smsSend', run: runSmsSendBench },
  { key: 'audioProbe', run: runAudioProbeBench },
  { key: 'receiptClaim', run: runReceiptClaimBench },
  { key: 'audienceImport', run: runAudienceImportBench },
  { key: 'embed', run: runEmbedBench },
  { key: 'email', run: runEmailSendBench },
];

/** After the results are out, give open handles this long to close before exiting anyway. */
const EXIT_GRACE_MS = 5_000;

function selected(): Benchmark[] {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only?.length) return BENCHMARKS;
  const unknown = only.filter((k) => !BENCHMARKS.some((b) => b.key === k));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown benchmark(s) ${unknown.join(', ')}`);
  return BENCHMARKS.filter((b) => only.includes(b.key));
}

function fmtRate(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join('\n');
}

function printEnvironment(facts: EnvironmentFacts): void {
  console.log('Loa benchmarks');
  console.log(
    `  node ${facts.node} on ${facts.platform}, ${facts.cores} cores (${facts.cpuModel}), ${facts.memoryGiB} GiB`,
  );
  console.log(`  PostgreSQL ${facts.postgres}, Redis ${facts.redis}, BENCH_SCALE ${facts.scale}`);
  console.log('');
}

function printResults(results: BenchResult[]): void {
  const rows: string[][] = [['benchmark', 'run', 'runs', 'items', 'seconds', 'items/s', 'spread', 'ratio']];
  for (const r of results) {
    for (const [kind, series] of [
      ['baseline', r.baseline],
      ['subject', r.subject],
    ] as const) {
      const t = total(series);
      rows.push([
        r.title,
        `${kind}: ${series.label}`,
        String(series.runs.length),
        `${t.items} ${r.unit}`,
        t.seconds.toFixed(3),
        fmtRate(rate(t)),
        `${spreadPercent(series).toFixed(0)} %`,
        kind === 'baseline' ? '1.00' : r.ratio.toFixed(2),
      ]);
    }
  }
  console.log(table(rows));
  console.log('');
  console.log('items/s = all items of the runs / all their time; spread = (fastest - slowest run) / mean throughput');
  console.log('ratio = subject throughput / baseline throughput (1.00 = as fast as the baseline; 0.50 = half as fast)');
  for (const r of results) {
    console.log('');
    console.log(`${r.title}:`);
    for (const n of r.notes) console.log(`  - ${n}`);
    const perRun = (s: Series): string => s.runs.map((m) => fmtRate(rate(m))).join(', ');
    console.log(`  - ${r.unit}/s per run: baseline ${perRun(r.baseline)}; subject ${perRun(r.subject)}`);
  }
}

async function main(): Promise<number> {
  Logger.overrideLogger(['error', 'warn']);
  const facts = await environmentFacts();
  printEnvironment(facts);
  const results: BenchResult[] = [];
  const failures: Array<{ key: string; error: string }> = [];
  const { seconds: totalSeconds } = await timed(async () => {
    for (const b of selected()) {
      progress(`--- ${b.key}`);
      try {
        const { seconds, value } = await timed(() => b.run());
        progress(`--- ${b.key} done in ${seconds.toFixed(1)} s`);
        results.push(...[value].flat());
      } catch (e) {
        const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        progress(`--- ${b.key} FAILED: ${error}`);
        failures.push({ key: b.key, error: e instanceof Error ? e.message : String(e) });
      }
    }
  });
  if (results.length) printResults(results);
  for (const f of failures) console.log(`\nFAILED ${f.key}: ${f.error}`);
  console.log(`\ntotal ${totalSeconds.toFixed(1)} s`);
  const json = {
    bench: 'loa',
    at: new Date().toISOString(),
    env: facts,
    ratios: Object.fromEntries(results.map((r) => [r.key, round(r.ratio, 3)])),
    throughput: Object.fromEntries(
      results.map((r) => [
        r.key,
        {
          unit: `${r.unit}/s`,
          baseline: round(rate(total(r.baseline)), 1),
          subject: round(rate(total(r.subject)), 1),
          itemsPerRun: r.subject.runs[0]?.items ?? 0,
          rounds: r.subject.runs.length,
        },
      ]),
    ),
    failed: failures.map((f) => f.key),
    totalSeconds: round(totalSeconds, 1),
  };
  console.log(JSON.stringify(json));
  return failures.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => {
      progress('open handles remained after the benchmarks; exiting anyway');
      process.exit(code);
    }, EXIT_GRACE_MS).unref();
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
