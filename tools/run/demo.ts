import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@loa/config';
import { createDataSource, migrate } from '@loa/db';
import { seedDemo } from '../seed/seed-demo';
import { CampaignReportJson, createAndLaunchDemoCampaign, pullAndConfirm, viewAndClickBanner } from './demo-campaign';
import { startLocalPeers } from './local-peers';
import { LoaClient } from './loa-client';
import { AppProcess, repoRoot, startApp, waitForHttp, waitUntil } from './processes';
import { ensureLocalServices } from './local-services';

const LETTER = join(repoRoot(), 'test', 'fixtures', 'directives', 'soc-trang-stttt-2021-09-vandongxahoi.txt');

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  return v ? Number(v) : fallback;
}

/** The ports the demo's peers listen on (each can be set in the environment). */
function peerPorts(): { smsc: number; smtp: number; twilio: number; smtpHttp: number } {
  return {
    smsc: envInt('SMSC_PORT', 2775),
    smtp: envInt('SMTP_PORT', 2525),
    twilio: envInt('TWILIO_PORT', 4010),
    smtpHttp: envInt('SMTP_HTTP_PORT', 8025),
  };
}

/**
 * `npm run demo`: one directive through all four channels on local sinks. Migrates, seeds the demo province,
 * starts the protocol peers plus api and worker processes, runs the Sóc Trăng letter through approval and
 * launch, plays a portal and stations, waits for completion, prints a summary, the console's address with the demo
 * logins, and one JSON line (always the last). `--serve` keeps the api, worker and peers up afterwards, for a
 * person to look around the console, until Ctrl-C.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  // PostgreSQL and Redis: the usual ones, or private ones started (and stopped) for this run on a fresh machine.
  const services = await ensureLocalServices({
    databaseUrl: config.database.url,
    redisUrl: config.redis.url,
    databaseExplicit: Boolean(process.env.DATABASE_URL),
    redisExplicit: Boolean(process.env.REDIS_URL),
    forcePrivate: process.env.DEMO_PRIVATE_SERVICES === '1',
    // Its API and peers listen later: a private server started now must not take their ports.
    reservedPorts: [config.http.port, ...Object.values(peerPorts())],
    log: (line) => console.log(line),
  });
  if ('problems' in services) {
    for (const p of services.problems) console.error(`✗ ${p}`);
    return 2;
  }
  try {
    return await runDemo({
      ...config,
      database: { ...config.database, url: services.databaseUrl },
      redis: { ...config.redis, url: services.redisUrl },
    });
  } finally {
    await services.stop();
    // On stderr: the JSON line stays the last of stdout.
    if (services.started.length) console.error(`Stopped what the demo started: ${services.started.join(', ')}.`);
  }
}

async function runDemo(config: AppConfig): Promise<number> {
  const windowSeconds = envInt('DEMO_WINDOW_SECONDS', 15);
  console.log(`Loa demo — database ${new URL(config.database.url).pathname.slice(1)}, Redis ${config.redis.url}`);
  await migrate(config.database.url);
  const peers = await startLocalPeers(peerPorts());
  console.log(
    `Peers: SMSC smpp://127.0.0.1:${peers.smsc.port}, SMTP 127.0.0.1:${peers.smtp.port}, Twilio ${peers.twilio.baseUrl}`,
  );
  const ds = createDataSource(config.database.url, { poolSize: 2, applicationName: 'loa-demo' });
  await ds.initialize();
  const seed = await seedDemo(ds, peers.demoPeers);
  await ds.destroy();

  const appEnv: Record<string, string> = {
    DATABASE_URL: config.database.url,
    REDIS_URL: config.redis.url,
    QUEUE_PREFIX: config.redis.queuePrefix,
    PORT: String(config.http.port),
    HOST: config.http.host,
    PUBLIC_BASE_URL: config.http.publicBaseUrl,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(peers.smtp.port),
    LIFECYCLE_INTERVAL_MS: process.env.LIFECYCLE_INTERVAL_MS ?? '500',
    // Banner views and clicks reach the report within half a second (5 s by default).
    BANNER_FLUSH_MS: process.env.BANNER_FLUSH_MS ?? '500',
    RECEIPT_TIMEOUT_SECONDS: process.env.RECEIPT_TIMEOUT_SECONDS ?? '60',
    // A receipt lost on the way is asked for after 5 s, well before it would expire.
    RECEIPT_QUERY_AFTER_SECONDS: process.env.RECEIPT_QUERY_AFTER_SECONDS ?? '5',
    RECEIPT_QUERY_EVERY_SECONDS: process.env.RECEIPT_QUERY_EVERY_SECONDS ?? '5',
    // The demo's subscribers are local sinks and it may run at night: quiet hours off unless asked for.
    SMS_QUIET_HOURS: process.env.SMS_QUIET_HOURS ?? 'false',
    // The demo may run many times a day to the same sinks: no per-subscriber daily cap unless asked for.
    SMS_DAILY_CAP: process.env.SMS_DAILY_CAP ?? '0',
  };
  const echo = process.env.DEMO_VERBOSE === '1';
  const apps: AppProcess[] = [startApp('api', appEnv, { echo }), startApp('worker', appEnv, { echo })];
  try {
    const base = config.http.publicBaseUrl;
    await waitForHttp(`${base}/health`, 30_000, apps[0]);
    console.log(`API ${base} (OpenAPI: ${base}/api/docs) and worker are up.`);
    const letter = readFileSync(LETTER, 'utf8');
    const { campaignId, editor, directive } = await createAndLaunchDemoCampaign(new LoaClient(base), seed, letter, {
      windowSeconds,
    });
    console.log(`Directive: ${directive.subject ?? '(no subject)'}`);
    console.log(`Campaign ${campaignId}: submitted, approved by a second person, launched.`);

    for (const portal of seed.portals) {
      const { location } = await viewAndClickBanner(base, portal.embedKey);
      console.log(`Portal ${portal.code}: banner shown, click → ${location ?? '(no banner)'}`);
    }
    for (const code of ['dtt-mytu', 'dtt-xa-mytu-myhuong', 'dtt-tp-soctrang']) {
      const station = seed.stationKeys.find((s) => s.code === code)!;
      const feed = await waitUntil(
        `station ${code} to see the script`,
        async () => {
          const f = await pullAndConfirm(base, station);
          return f.scripts.length ? f : null;
        },
        20_000,
      );
      const relayed = feed.scripts.find((s) => s.relayedFrom)?.relayedFrom;
      console.log(
        `Station ${code}: pulled ${feed.scripts.length} script(s)${relayed ? ` (relayed from ${relayed})` : ''}, confirmed aired.`,
      );
    }

    const report = await waitUntil(
      'the campaign to complete',
      async () => {
        const r = await editor.request<CampaignReportJson>('GET', `/api/campaigns/${campaignId}`);
        return r.status === 'completed' || r.status === 'cancelled' ? r : null;
      },
      (windowSeconds + 90) * 1000,
      500,
    );
    printSummary(report, peers.smsc.submissions.length, peers.twilio.messages.length, peers.smtp.messages.length);
    const line = {
      campaign: report.id,
      sms: {
        submitted:
          (report.channels.sms?.total ?? 0) -
          (report.channels.sms?.queued ?? 0) -
          (report.channels.sms?.cancelled ?? 0),
        delivered: report.channels.sms?.delivered ?? 0,
      },
      email: { sent: report.channels.email?.sent ?? 0 },
      banner: { served: report.channels.banner?.served ?? 0, clicks: report.channels.banner?.clicked ?? 0 },
      radio: { pulled: report.channels.radio?.pulled ?? 0, confirmed: report.channels.radio?.confirmed ?? 0 },
    };
    const allDelivered =
      report.status === 'completed' &&
      line.sms.delivered > 0 &&
      line.email.sent > 0 &&
      line.banner.served > 0 &&
      line.banner.clicks > 0 &&
      line.radio.pulled > 0 &&
      line.radio.confirmed > 0;
    const serve = process.argv.includes('--serve');
    printConsoleAccess(base, seed.users, serve, seed.stationKeys[0], seed.portals[0], seed.carrierKeys[0]);
    console.log(JSON.stringify(line));
    if (serve) await untilInterrupted();
    return allDelivered ? 0 : 1;
  } catch (e) {
    console.error(`Demo failed: ${(e as Error).message}`);
    for (const a of apps) console.error(`--- ${a.name} (last output) ---\n${a.output().slice(-4000)}`);
    return 1;
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await peers.close();
  }
}

const ROLE_NAMES: Record<string, string> = { editor: 'biên tập', approver: 'phê duyệt', admin: 'quản trị' };

/** The console's address and who may sign in (demo accounts only; seeding refuses NODE_ENV=production). */
function printConsoleAccess(
  base: string,
  users: Array<{ email: string; role: string; password: string }>,
  serve: boolean,
  station: { code: string; key: string } | undefined,
  portal: { code: string; key: string | null } | undefined,
  carrier: { code: string; key: string } | undefined,
) {
  console.log(`Bảng điều khiển / Console: ${base}/`);
  for (const u of users) {
    console.log(`  ${`${ROLE_NAMES[u.role] ?? u.role} / ${u.role}`.padEnd(22)} ${u.email.padEnd(28)} ${u.password}`);
  }
  if (station) console.log(`  ${'đài / station'.padEnd(22)} ${base}/station  ${station.code}  ${station.key}`);
  if (portal?.key) console.log(`  ${'cổng / portal'.padEnd(22)} ${base}/portal  ${portal.code}  ${portal.key}`);
  if (carrier) console.log(`  ${'nhà mạng / carrier'.padEnd(22)} ${base}/carrier  ${carrier.code}  ${carrier.key}`);
  console.log(
    serve
      ? 'Đang chạy cho đến khi nhấn Ctrl-C / Serving until Ctrl-C.'
      : '(npm run demo -- --serve giữ bảng điều khiển mở / keeps the console open after the run)',
  );
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function printSummary(r: CampaignReportJson, smppPdus: number, twilioMessages: number, mails: number): void {
  const c = r.channels;
  console.log('');
  console.log(`Chiến dịch / Campaign ${r.id}: ${r.status}`);
  if (c.sms) {
    console.log(
      `  SMS     ${c.sms.total} thuê bao: ${c.sms.delivered} delivered, ${c.sms.failed} failed, ${c.sms.unknown} unknown, ${c.sms.expired} expired (SMPP PDUs at SMSC: ${smppPdus}, Twilio messages: ${twilioMessages}; receipts asked for: ${c.sms.receiptsQueried})`,
    );
    for (const [carrier, k] of Object.entries(c.sms.byCarrier))
      console.log(`          ${carrier.padEnd(12)} ${k.delivered}/${k.total} delivered`);
  }
  if (c.email) console.log(`  Email   ${c.email.sent}/${c.email.total} dispatches sent (SMTP capture holds ${mails})`);
  if (c.banner)
    console.log(`  Banner  ${c.banner.portals} portals: ${c.banner.served} served, ${c.banner.clicked} clicked`);
  if (c.radio)
    console.log(
      `  Radio   ${c.radio.stations} stations: ${c.radio.pulled} pulled, ${c.radio.confirmed} confirmed aired`,
    );
  console.log('');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
