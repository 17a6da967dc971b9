/** One timed run: `items` things done in `seconds`. */
export interface Measurement {
  items: number;
  seconds: number;
}

/** Several runs of the same thing. */
export interface Series {
  label: string;
  runs: Measurement[];
}

/** A benchmark's outcome: the code under study against a baseline measured in the same run. */
export interface BenchResult {
  /** Short key used in the JSON line (e.g. "fanout"). */
  key: string;
  title: string;
  /** What an item is ("rows", "msgs"). */
  unit: string;
  baseline: Series;
  subject: Series;
  /** subject throughput / baseline throughput (each over all its runs). */
  ratio: number;
  /** Extra facts worth printing (sizes, counts checked). */
  notes: string[];
}

export function rate(m: Measurement): number {
  return m.seconds > 0 ? m.items / m.seconds : Number.POSITIVE_INFINITY;
}

/** A series as one measurement: total items over total time of its runs. */
export function total(series: Series): Measurement {
  if (!series.runs.length) throw new Error(`no run of ${series.label}`);
  return {
    items: series.runs.reduce((s, r) => s + r.items, 0),
    seconds: series.runs.reduce((s, r) => s + r.seconds, 0),
  };
}

export function throughputRatio(subject: Series, baseline: Series): number {
  return rate(total(subject)) / rate(total(baseline));
}

/** Spread of a series' throughput: (fastest - slowest) / mean, as a percentage. */
export function spreadPercent(series: Series): number {
  const rates = series.runs.map(rate);
  const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
  return mean > 0 ? ((Math.max(...rates) - Math.min(...rates)) / mean) * 100 : 0;
}

/** Runs `fn` once and returns how long it took, in seconds (monotonic clock), with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, value };
}

/**
 * Interleaves the runs — baseline, subject, baseline, subject, …, baseline — so that drift during the process
 * (caches warming, tables and indexes growing, autovacuum) weighs on both sides alike. `rounds` subject runs are
 * bracketed by `rounds + 1` baseline runs. Each function times its own work (preparation stays outside).
 */
export async function interleave(
  rounds: number,
  baseline: (i: number) => Promise<Measurement>,
  subject: (i: number) => Promise<Measurement>,
): Promise<{ baseline: Measurement[]; subject: Measurement[] }> {
  const out = { baseline: [] as Measurement[], subject: [] as Measurement[] };
  for (let i = 0; i < rounds; i++) {
    out.baseline.push(await baseline(i));
    out.subject.push(await subject(i));
  }
  out.baseline.push(await baseline(rounds));
  return out;
}

/** Progress goes to stderr so stdout holds only the results (and the JSON line last). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
