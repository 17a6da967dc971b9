/**
 * Banner serving: `GET /embed/<key>` of the real API process (built, on its own database, a running banner
 * campaign) against a bare `node:http` server in its own process returning the same bytes, both loaded by the same
 * autocannon client at 50 connections. Throughput in requests; p99 latency of each side in the notes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../tools/run/free-port';
import { startApp, waitForHttp, waitUntil } from '../tools/run/processes';
import { BENCH_REDIS_URL, benchRounds, intSetting, scaledSize } from './support/bench-env';
import { withBenchStack } from './support/bench-stack';
import { BenchResult, Measurement, Series, interleave, progress, round, throughputRatio } from './support/measure';

const CONNECTIONS = 50;

/** The baseline: the least a server can do to answer these bytes. */
const BARE_SERVER = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.env.BODY_FILE);
http
  .createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

interface Load {
  measurement: Measurement;
  p99: number;
}

async function load(url: string, seconds: number): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  if (r.errors || r.timeouts || r.non2xx) {
    throw new Error(`${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} answers other than 2xx`);
  }
  return { measurement: { items: r.requests.total, seconds: r.duration }, p99: r.latency.p99 };
}

export async function runEmbedBench(): Promise<BenchResult> {
  const seconds = scaledSize('BENCH_EMBED_SECONDS', 5, 1);
  const rounds = benchRounds();
  const warmSeconds = intSetting('BENCH_EMBED_WARMUP_SECONDS', 2, 1, 60);
  return withBenchStack({ deliveryBatchSize: 200 }, async (stack) => {
    const campaignId = await stack.runningBannerCampaign(
      'Chung tay ủng hộ đồng bào bị thiệt hại do bão lũ',
      'Mỗi tấm lòng là một món quà ý nghĩa — Ủy ban MTTQ Việt Nam tỉnh kêu gọi.',
    );
    const [{ embed_key: key }]: Array<{ embed_key: string }> = await stack.ds.query(
      `SELECT embed_key FROM portals ORDER BY code LIMIT 1`,
    );
    const [apiPort, barePort] = [await freePort(), await freePort()];
    const api = startApp('api', {
      DATABASE_URL: stack.db.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: stack.queuePrefix,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      // One client address sends everything here: the per-address limit stays on, out of the way.
      BANNER_PER_IP_PER_MINUTE: '100000000',
    });
    const dir = mkdtempSync(join(tmpdir(), 'loa-bench-embed-'));
    let bare: ChildProcess | null = null;
    try {
      const apiUrl = `http://127.0.0.1:${apiPort}/embed/${key}`;
      await waitForHttp(`http://127.0.0.1:${apiPort}/health`, 60_000, api);
      const page = await waitUntil(
        'the banner to show',
        async () => {
          const res = await fetch(apiUrl, { headers: { 'accept-encoding': 'identity' } });
          const text = await res.text();
          return text.includes(campaignId) ? Buffer.from(text) : null;
        },
        10_000,
      );
      writeFileSync(join(dir, 'page.html'), page);
      bare = spawn(process.execPath, ['-e', BARE_SERVER], {
        env: { ...process.env, PORT: String(barePort), BODY_FILE: join(dir, 'page.html') },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const bareUrl = `http://127.0.0.1:${barePort}/embed/${key}`;
      await waitForHttp(bareUrl, 10_000);
      const same = Buffer.from(await (await fetch(bareUrl)).arrayBuffer());
      if (!same.equals(page)) throw new Error('the bare server does not answer the same bytes');

      progress(`embed: warming up both servers (${warmSeconds} s each)`);
      await load(bareUrl, warmSeconds);
      await load(apiUrl, warmSeconds);
      const p99 = { baseline: [] as number[], subject: [] as number[] };
      progress(`embed: ${rounds} rounds of ${seconds} s at ${CONNECTIONS} connections`);
      const runs = await interleave(
        rounds,
        async () => {
          const l = await load(bareUrl, seconds);
          p99.baseline.push(l.p99);
          return l.measurement;
        },
        async () => {
          const l = await load(apiUrl, seconds);
          p99.subject.push(l.p99);
          return l.measurement;
        },
      );
      const baseline: Series = { label: 'bare node:http, same bytes', runs: runs.baseline };
      const subject: Series = { label: 'GET /embed/<key> (API process)', runs: runs.subject };
      return {
        key: 'embed',
        title: 'banner embed page',
        unit: 'requests',
        baseline,
        subject,
        ratio: throughputRatio(subject, baseline),
        notes: [
          `${CONNECTIONS} connections, ${seconds} s per run, page ${page.length} bytes (not gzipped: the client does not ask)`,
          `p99 latency: API ${p99.subject.map((v) => round(v, 2)).join(', ')} ms; bare ${p99.baseline.map((v) => round(v, 2)).join(', ')} ms`,
          'both servers are separate processes; the load client (autocannon) runs in the benchmark process',
        ],
      };
    } finally {
      bare?.kill();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
