/**
 * `npm run bench:province`: a province's campaign end to end, as operators would run it. For each size (default
 * 100,000 then 1,000,000 subscribers) on a database and queue prefix of its own: the API and the worker as
 * separate processes, every carrier over SMPP to the SMSC simulator in a third process (receipts on); the editor
 * uploads the subscriber CSV through the API, a second person approves, the campaign is launched, and the run ends
 * when every message was accepted by the SMSC and every receipt recorded. Prints the phases, messages per second
 * and the peak resident memory (VmHWM) of the API and the worker; the last line is one JSON object.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createDataSource } from '@loa/db';
import { seedDemo } from '../tools/seed/seed-demo';
import { freePort } from '../tools/run/free-port';
import { LoaClient } from '../tools/run/loa-client';
import { AppProcess, repoRoot, startApp, waitForHttp } from '../tools/run/processes';
import {
  BENCH_REDIS_URL,
  benchQueuePrefix,
  createBenchDatabase,
  dropQueuePrefix,
  environmentFacts,
  intSetting,
} from './support/bench-env';
import { NATIONAL_MIX } from './support/bench-stack';
import { progress, round } from './support/measure';
import { SmscProcess, startSmscProcess } from './support/smsc-process';

const LETTER = join(repoRoot(), 'test', 'fixtures', 'directives', 'soc-trang-stttt-2021-09-vandongxahoi.txt');
const TEXT = 'So TTTT: Chung tay ung ho phong, chong dich tai vandongxahoi.mattran.org.vn';
const RSS_SAMPLE_MS = 250;
const POLL_MS = 1_000;
/** The simulator's delay before each receipt (a handset answers in seconds; 10 ms is the hardest case for us). */
const RECEIPT_DELAY_MS = intSetting('PROVINCE_RECEIPT_DELAY_MS', 1_000, 0, 600_000);

interface ProvinceRun {
  subscribers: number;
  /** CSV upload through the API until the import answered (streamed, validated, stored). */
  importSeconds: number;
  /** Launch until the SMSC had accepted every message. */
  sendSeconds: number;
  /** Launch until every message's receipt was recorded (all rows delivered). */
  receiptsSeconds: number;
  /** Upload to the last receipt recorded. */
  totalSeconds: number;
  /** Messages per second from launch to the last acceptance. */
  messagesPerSecond: number;
  peakRssMb: { api: number; worker: number };
  /** Resident memory sampled while the campaign ran: the largest sample and the last. */
  rssMb: { api: { max: number; last: number }; worker: { max: number; last: number } };
}

/** The national mix as local numbers (0 + 9 digits), each unique: the kind of list a province sends. */
async function writeSubscriberCsv(path: string, count: number): Promise<number> {
  const slots = NATIONAL_MIX.flatMap((c) => Array.from({ length: c.weight }, () => c.msisdnPrefix.slice(2)));
  const out = createWriteStream(path);
  out.write('phone,name\n');
  for (let i = 0; i < count; i++) {
    const line = `0${slots[i % slots.length]}${String(i).padStart(7, '0')},Thuê bao ${i}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** VmRSS and VmHWM (the peak) of a process, in MiB. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Streams a file as the request body (text/csv) and answers the JSON response. */
function uploadCsv(baseUrl: string, path: string, file: string, token: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, baseUrl),
      { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(JSON.parse(body))
            : reject(new Error(`upload answered ${res.statusCode}: ${body.slice(0, 500)}`)),
        );
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function runProvince(subscribers: number, folder: string): Promise<ProvinceRun> {
  const db = await createBenchDatabase();
  const queuePrefix = benchQueuePrefix();
  let smsc: SmscProcess | null = null;
  const apps: AppProcess[] = [];
  try {
    smsc = await startSmscProcess({ receiptDelayMs: RECEIPT_DELAY_MS, countOnly: true });
    const ds = createDataSource(db.url, { poolSize: 2, applicationName: 'loa-province' });
    await ds.initialize();
    const seed = await seedDemo(ds, {
      smscHost: smsc.host,
      smscPort: smsc.port,
      twilioApiBaseUrl: 'http://127.0.0.1:9',
      twilioAccountSid: 'AC00000000000000000000000000000000',
      twilioAuthToken: 'unused',
    });
    // Every carrier of the mix over SMPP to the simulator (the demo sends MobiFone through a Twilio stand-in).
    await ds.query(
      `UPDATE carriers SET provider = 'smpp',
              connection = jsonb_build_object('host', $1::text, 'port', $2::int, 'systemId', 'loa-' || code,
                                              'password', 'demo-smpp')
        WHERE code = ANY($3::text[])`,
      [smsc.host, smsc.port, NATIONAL_MIX.map((c) => c.carrierCode)],
    );

    const csv = join(folder, `subscribers-${subscribers}.csv`);
    const bytes = await writeSubscriberCsv(csv, subscribers);
    progress(`province ${subscribers}: CSV of ${(bytes / 1024 / 1024).toFixed(1)} MiB`);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      DATABASE_URL: db.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: baseUrl,
      SMS_QUIET_HOURS: 'false', // measured at any hour
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      LIFECYCLE_INTERVAL_MS: '1000',
      SMTP_PORT: '9',
    };
    apps.push(startApp('api', env), startApp('worker', env));
    await waitForHttp(`${baseUrl}/health`, 60_000, apps[0]);
    const [api, worker] = apps.map((a) => a.child.pid!);

    const client = new LoaClient(baseUrl);
    const user = (role: string) => seed.users.find((u) => u.role === role)!;
    const { token } = await client.request<{ token: string }>('POST', '/api/auth/login', {
      email: user('editor').email,
      password: user('editor').password,
    });
    const editor = new LoaClient(baseUrl, token);
    const approver = await client.login(user('approver').email, user('approver').password);
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', {
      text: await readFile(LETTER, 'utf8'),
    });
    const now = Date.now();
    const campaign = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: `Tỉnh ${subscribers.toLocaleString('vi-VN')} thuê bao`,
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 6 * 3600_000).toISOString(),
      channels: { sms: { text: TEXT } }, // the list comes from the CSV
    });

    const samples = { api: { max: 0, last: 0 }, worker: { max: 0, last: 0 } };
    const sampler = setInterval(() => {
      void Promise.all([memoryOf(api), memoryOf(worker)]).then(
        ([a, w]) => {
          samples.api = { max: Math.max(samples.api.max, a.rss), last: a.rss };
          samples.worker = { max: Math.max(samples.worker.max, w.rss), last: w.rss };
        },
        () => undefined,
      );
    }, RSS_SAMPLE_MS);
    try {
      const started = Date.now();
      progress(`province ${subscribers}: uploading the CSV through the API`);
      const counts = (await uploadCsv(baseUrl, `/api/campaigns/${campaign.id}/audience`, csv, token)) as {
        accepted: number;
      };
      const importSeconds = (Date.now() - started) / 1000;
      if (counts.accepted !== subscribers) {
        throw new Error(`the import accepted ${counts.accepted} of ${subscribers}: ${JSON.stringify(counts)}`);
      }
      await editor.request('POST', `/api/campaigns/${campaign.id}/submit`);
      await approver.request('POST', `/api/campaigns/${campaign.id}/approve`);
      const launched = Date.now();
      await editor.request('POST', `/api/campaigns/${campaign.id}/launch`);
      progress(`province ${subscribers}: launched; waiting for the SMSC to accept every message`);
      await smsc.waitForSubmissions(subscribers, 3 * 3600_000);
      const accepted = Date.now();
      progress(`province ${subscribers}: all accepted in ${((accepted - launched) / 1000).toFixed(1)} s; receipts`);
      for (;;) {
        const [row]: Array<{ delivered: string; other: string }> = await ds.query(
          `SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered,
                  count(*) FILTER (WHERE status <> 'delivered') AS other
             FROM deliveries WHERE campaign_id = $1`,
          [campaign.id],
        );
        if (Number(row.delivered) === subscribers) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      const done = Date.now();
      const submitted = (await smsc.counts()).submissions;
      if (submitted !== subscribers) throw new Error(`the SMSC received ${submitted} submit_sm for ${subscribers}`);
      const [apiMemory, workerMemory] = await Promise.all([memoryOf(api), memoryOf(worker)]);
      return {
        subscribers,
        importSeconds: round(importSeconds, 1),
        sendSeconds: round((accepted - launched) / 1000, 1),
        receiptsSeconds: round((done - launched) / 1000, 1),
        totalSeconds: round((done - started) / 1000, 1),
        messagesPerSecond: Math.round(subscribers / ((accepted - launched) / 1000)),
        peakRssMb: { api: Math.round(apiMemory.peak), worker: Math.round(workerMemory.peak) },
        rssMb: {
          api: { max: Math.round(samples.api.max), last: Math.round(samples.api.last) },
          worker: { max: Math.round(samples.worker.max), last: Math.round(samples.worker.last) },
        },
      };
    } finally {
      clearInterval(sampler);
      await ds.destroy();
    }
  } catch (e) {
    for (const a of apps) process.stderr.write(`--- ${a.name} (last output)\n${a.output().slice(-3000)}\n`);
    throw e;
  } finally {
    await Promise.all(apps.map((a) => a.stop().catch(() => undefined)));
    await smsc?.close().catch(() => undefined);
    await db.drop().catch((e: unknown) => progress(`dropping ${db.name}: ${String(e)}`));
    await dropQueuePrefix(BENCH_REDIS_URL, queuePrefix).catch(() => undefined);
  }
}

async function main(): Promise<number> {
  Logger.overrideLogger(['error', 'warn']);
  const sizes = (process.env.PROVINCE_SUBSCRIBERS ?? '100000,1000000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (!sizes.length) throw new Error('PROVINCE_SUBSCRIBERS: a comma-separated list of subscriber counts');
  const facts = await environmentFacts();
  console.log('Loa province run');
  console.log(`  node ${facts.node}, ${facts.cores} cores (${facts.cpuModel}), PostgreSQL ${facts.postgres}`);
  const folder = await mkdtemp(join(tmpdir(), 'loa-province-'));
  const runs: ProvinceRun[] = [];
  try {
    for (const n of sizes) runs.push(await runProvince(n, folder));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  console.log('');
  console.log('subscribers  import s  send s  receipts s  total s   msgs/s  peak RSS api  peak RSS worker');
  for (const r of runs) {
    console.log(
      [
        String(r.subscribers).padStart(11),
        r.importSeconds.toFixed(1).padStart(8),
        r.sendSeconds.toFixed(1).padStart(6),
        r.receiptsSeconds.toFixed(1).padStart(10),
        r.totalSeconds.toFixed(1).padStart(7),
        String(r.messagesPerSecond).padStart(8),
        `${r.peakRssMb.api} MiB`.padStart(12),
        `${r.peakRssMb.worker} MiB`.padStart(16),
      ].join('  '),
    );
  }
  console.log(JSON.stringify({ bench: 'loa-province', at: new Date().toISOString(), env: facts, runs }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
