/**
 * E-mail send path: the full batch path (EmailDispatchService.sendBatch: claim → render the agency's letter →
 * nodemailer pool → mark sent, a chunk of rows per statement, in Postgres) against a bare nodemailer pool with the
 * same pool settings sending the same messages with the same number in flight, both to the in-repo SMTP capture
 * (tools/peers/smtp-capture.ts) running in a process of its own.
 */
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@loa/config';
import {
  EMAIL_BATCHES_AT_ONCE,
  EmailDispatchService,
  MailTransport,
  OutgoingMail,
  emailWindow,
  smtpPoolOptions,
} from '@loa/email';
import { startSmtpCapture } from '../tools/peers/smtp-capture';
import { sendInBatchesAtOnce } from './support/batches-at-once';
import { benchRounds, intSetting, scaledSize } from './support/bench-env';
import { BENCH_EMAIL_LETTER, BenchStack, withBenchStack } from './support/bench-stack';
import {
  BenchResult,
  Measurement,
  Series,
  interleave,
  progress,
  round,
  throughputRatio,
  timed,
  total,
} from './support/measure';

const SINK_HOST = '127.0.0.1';
/** argv[2] of this module when it is forked as the SMTP sink. */
const SINK_FLAG = '--loa-bench-smtp-sink';
const SINK_START_TIMEOUT_MS = 15_000;
const SINK_WAIT_MS = 60_000;
/** USER_HZ of /proc/<pid>/stat's times (100 on Linux). */
const CLOCK_TICKS = 100;

/** What the sink saw since the previous `take`; it forgets those messages when it answers. */
interface SinkSummary {
  messages: number;
  /** Distinct envelope recipients. */
  recipients: number;
  /** Distinct Message-ID headers. */
  messageIds: number;
  /** Messages with exactly one attachment (the letter). */
  withAttachment: number;
  /** Messages with the X-Loa-Delivery header the send path sets. */
  withDeliveryHeader: number;
  /** Raw bytes of all the messages. */
  bytes: number;
  /** CPU time of the sink process (SMTP and mailparser) since the previous `take`. */
  cpuMs: number;
}

type SinkAsk = { op: 'take'; n: number; timeoutMs: number } | { op: 'close' };
type SinkRequest = SinkAsk & { id: number };
interface SinkReply {
  id: number;
  port?: number;
  summary?: SinkSummary;
  error: string | null;
}

/** The SMTP capture in a child process, as the benchmark sees it. */
interface SmtpSink {
  readonly port: number;
  /** Waits until the sink holds at least `n` messages, then summarises and forgets everything it holds. */
  take(n: number): Promise<SinkSummary>;
  close(): Promise<void>;
}

/** Per timed run: the figures the notes give beside throughput. */
interface RunFacts {
  /** Messages handed to the transport and not yet answered, on average over the run (time-weighted). */
  inFlight: number;
  sink: SinkSummary;
  /** CPU of this process (the code under study, or the bare pool) during the run. */
  selfCpuMs: number;
  /** CPU of the Postgres backends serving the benchmark's database during the run (Linux; 0 elsewhere). */
  postgresCpuMs: number;
  /** CPU of the whole machine during the run (every core). */
  machineCpuMs: number;
}

export async function runEmailSendBench(): Promise<BenchResult> {
  const messages = scaledSize('BENCH_EMAIL_MESSAGES', 2_000, 50);
  const batchSize = intSetting('BENCH_BATCH_SIZE', 200, 1, 10_000);
  const rounds = benchRounds();
  // A real SMTP server is another machine: in this process it would take the CPU the code under study needs. It is
  // started before the Nest context, whose configuration reads its port.
  const sink = await startSinkProcess();
  try {
    return await withBenchStack({ deliveryBatchSize: batchSize, smtp: { host: SINK_HOST, port: sink.port } }, (stack) =>
      measure(stack, sink, { messages, batchSize, rounds }),
    );
  } finally {
    await sink.close();
  }
}

async function measure(
  stack: BenchStack,
  sink: SmtpSink,
  sizes: { messages: number; batchSize: number; rounds: number },
): Promise<BenchResult> {
  const { messages, batchSize, rounds } = sizes;
  const config = stack.moduleRef.get<AppConfig>(APP_CONFIG);
  const dispatch = stack.moduleRef.get(EmailDispatchService);
  const transport = stack.moduleRef.get(MailTransport);
  const poolOptions = smtpPoolOptions(config.smtp);
  const window = emailWindow(config.smtp);
  if (transport.window !== window) throw new Error(`MailTransport's window ${transport.window} is not ${window}`);

  // Baseline: a bare pooled transport with the send path's options, nothing persisted.
  const bare: Transporter = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: false,
    ...poolOptions,
    ignoreTLS: true,
  });
  const bareGauge = new InFlightGauge();
  const bareRun = async (mails: OutgoingMail[]): Promise<number> => {
    let next = 0;
    let accepted = 0;
    const lane = async (): Promise<void> => {
      while (next < mails.length) {
        const mail = mails[next++];
        await bareGauge.around(() => bare.sendMail(mail));
        accepted++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, mails.length) }, lane));
    return accepted;
  };

  // Full path: a running campaign's rows, batch after batch (as the e-mail worker takes its jobs), each through
  // EmailDispatchService.sendBatch with the job's shape. Its transport's `send` is watched (messages in flight, and
  // in the warm-up what it is given: the baseline sends exactly those messages — same rendering, headers,
  // attachment and addresses — in every run); a counter and two clock reads per message.
  const subjectGauge = new InFlightGauge();
  let captured: OutgoingMail[] | null = null;
  const send = transport.send.bind(transport);
  transport.send = (mail: OutgoingMail) => {
    captured?.push(mail);
    return subjectGauge.around(() => send(mail));
  };
  const queuedIds = async (campaignId: string): Promise<string[]> => {
    const rows: Array<{ id: string }> = await stack.ds.query(
      `SELECT id::text AS id FROM deliveries WHERE campaign_id = $1 AND status = 'queued' ORDER BY id`,
      [campaignId],
    );
    if (rows.length !== messages)
      throw new Error(`campaign ${campaignId}: ${rows.length} queued rows, not ${messages}`);
    return rows.map((r) => r.id);
  };
  // Batches as the e-mail worker takes its jobs: EMAIL_BATCHES_AT_ONCE at a time, sharing the process's window.
  const fullRun = (campaignId: string, ids: string[]): Promise<number> =>
    sendInBatchesAtOnce(ids, batchSize, EMAIL_BATCHES_AT_ONCE, async (deliveryIds, n) => {
      const r = await dispatch.sendBatch({ campaignId, deliveryIds });
      if (r.deferUntil || r.stoppedBy || r.rejected || r.ambiguous || r.deferred || r.accepted !== deliveryIds.length) {
        throw new Error(`batch ${n} of ${campaignId}: ${JSON.stringify(r)}`);
      }
      return r.accepted;
    });
  const expectAllSent = async (campaignId: string): Promise<void> => {
    const sent = await stack.countRows(
      `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND channel = 'email' AND status = 'sent'
          AND provider_message_id IS NOT NULL`,
      [campaignId],
    );
    if (sent !== messages) throw new Error(`campaign ${campaignId}: ${sent} rows sent, expected ${messages}`);
  };
  const expectDelivered = (side: string, s: SinkSummary): void => {
    if (s.messages !== messages || s.recipients !== messages || s.messageIds !== messages) {
      throw new Error(
        `${side}: the sink got ${s.messages} messages to ${s.recipients} recipients with ${s.messageIds} ` +
          `Message-IDs, expected ${messages} of each`,
      );
    }
    if (s.withAttachment !== messages || s.withDeliveryHeader !== messages) {
      throw new Error(
        `${side}: ${s.withAttachment} messages with the letter attached and ${s.withDeliveryHeader} ` +
          `with X-Loa-Delivery, expected ${messages}`,
      );
    }
  };

  try {
    progress(`email: preparing ${rounds} campaigns of ${messages} agencies and a warm-up one`);
    const warmupCampaign = await stack.runningEmailCampaign(messages);
    const campaigns: Array<{ id: string; deliveryIds: string[] }> = [];
    for (let i = 0; i < rounds; i++) {
      const id = await stack.runningEmailCampaign(messages);
      campaigns.push({ id, deliveryIds: await queuedIds(id) });
    }
    await stack.ds.query(`VACUUM ANALYZE deliveries`);

    // Warm-up (JIT, pools, TypeORM metadata), which also captures the messages of the baseline.
    progress(`email: warm-up (${messages} messages each way)`);
    const mails: OutgoingMail[] = [];
    captured = mails;
    await fullRun(warmupCampaign, await queuedIds(warmupCampaign));
    captured = null;
    await expectAllSent(warmupCampaign);
    expectDelivered('warm-up (full path)', await sink.take(messages));
    if (mails.length !== messages) throw new Error(`captured ${mails.length} messages, expected ${messages}`);
    await bareRun(mails);
    expectDelivered('warm-up (bare pool)', await sink.take(messages));

    const facts = { baseline: [] as RunFacts[], subject: [] as RunFacts[] };
    const observed = async (
      side: RunFacts[],
      gauge: InFlightGauge,
      run: () => Promise<number>,
      check: (s: SinkSummary) => Promise<void>,
    ): Promise<Measurement> => {
      gauge.reset();
      const cpuBefore = process.cpuUsage();
      const machineBefore = machineBusyMs();
      const postgresBefore = backendCpuMs(stack.db.name);
      const { seconds, value } = await timed(run);
      const cpu = process.cpuUsage(cpuBefore);
      const machineCpuMs = machineBusyMs() - machineBefore;
      const postgresCpuMs = cpuSince(postgresBefore, backendCpuMs(stack.db.name));
      const inFlight = gauge.average();
      // Drained: every message of the run is in the sink (and forgotten there) before the next run starts.
      const sinkSummary = await sink.take(messages);
      await check(sinkSummary);
      side.push({
        inFlight,
        sink: sinkSummary,
        selfCpuMs: (cpu.user + cpu.system) / 1000,
        postgresCpuMs,
        machineCpuMs,
      });
      return { items: value, seconds };
    };
    const runs = await interleave(
      rounds,
      (i) => {
        progress(`email: baseline run ${i + 1}/${rounds + 1}, bare nodemailer pool, ${messages} messages`);
        return observed(
          facts.baseline,
          bareGauge,
          () => bareRun(mails),
          async (s) => expectDelivered(`baseline run ${i + 1}`, s),
        );
      },
      (i) => {
        progress(`email: subject run ${i + 1}/${rounds}, sendBatch over ${Math.ceil(messages / batchSize)} batches`);
        const campaign = campaigns[i];
        return observed(
          facts.subject,
          subjectGauge,
          () => fullRun(campaign.id, campaign.deliveryIds),
          async (s) => {
            expectDelivered(`subject run ${i + 1}`, s);
            await expectAllSent(campaign.id);
          },
        );
      },
    );

    const baseline: Series = {
      label: `bare nodemailer pool, ${window} in flight`,
      runs: runs.baseline,
    };
    const subject: Series = { label: 'EmailDispatchService.sendBatch', runs: runs.subject };
    const perMail = (series: Series, side: RunFacts[], pick: (f: RunFacts) => number): number =>
      (side.reduce((s, f) => s + pick(f), 0) * 1000) / total(series).items;
    const cpuLine = (series: Series, side: RunFacts[]): string => {
      const wall = (total(series).seconds * 1e6) / total(series).items;
      const self = perMail(series, side, (f) => f.selfCpuMs);
      const sinkCpu = perMail(series, side, (f) => f.sink.cpuMs);
      const postgres = perMail(series, side, (f) => f.postgresCpuMs);
      const busy = side.reduce((s, f) => s + f.machineCpuMs, 0) / (total(series).seconds * 1000);
      return (
        `${round(wall, 0)} µs wall; CPU ${round(self, 0)} µs in this process, ${round(sinkCpu, 0)} µs in the sink, ` +
        `${round(postgres, 0)} µs in Postgres (this database's backends); the machine ${busy.toFixed(2)} of ` +
        `${cpus().length} cores busy (with neighbours)`
      );
    };
    const inFlight = (side: RunFacts[]): string => side.map((f) => f.inFlight.toFixed(1)).join(', ');
    const bytesPerMail = (side: RunFacts[]): number =>
      Math.round(side.reduce((s, f) => s + f.sink.bytes, 0) / side.reduce((s, f) => s + f.sink.messages, 0));
    const rate =
      poolOptions.rateLimit !== undefined
        ? `${poolOptions.rateLimit} per ${poolOptions.rateDelta} ms`
        : 'no rate limit';
    return {
      key: 'email',
      title: 'E-mail send path',
      unit: 'mails',
      baseline,
      subject,
      ratio: throughputRatio(subject, baseline),
      notes: [
        `${messages} messages per run to the SMTP capture in its own process (parses and keeps each message; ` +
          `forgotten after every run); ${rounds} subject runs interleaved with ${rounds + 1} baseline runs after a ` +
          `warm-up of ${messages} each way`,
        `pool on both sides: ${poolOptions.maxConnections} connections (SMTP_MAX_CONNECTIONS), ` +
          `${poolOptions.maxMessages} messages per connection, ${rate}; ${window} messages in flight (emailWindow)`,
        `full path: batches of up to ${batchSize} rows, ${EMAIL_BATCHES_AT_ONCE} at a time as EmailProcessor runs ` +
          `them, sharing the ${window}-row window; claims of ${Math.ceil(window / 4)} rows, a status check every 20; ` +
          `a pasted letter of ` +
          `${BENCH_EMAIL_LETTER.rawText.length} characters attached as text, an acknowledgement link per agency; ` +
          `baseline: the ${messages} messages the full path handed its transport in the warm-up, sent again ` +
          `(average ${bytesPerMail(facts.baseline)} bytes as received; full path ${bytesPerMail(facts.subject)})`,
        `checked: every run's ${messages} messages reached the sink (exactly, ${messages} distinct recipients and ` +
          `Message-IDs, the letter attached); every row of the full path 'sent' with a message id`,
        `messages at the transport (sent, not yet answered; time-weighted mean per run): baseline ` +
          `${inFlight(facts.baseline)}; full path ${inFlight(facts.subject)} (its window also holds rows being ` +
          `claimed and outcomes being stored)`,
        `per message, baseline: ${cpuLine(baseline, facts.baseline)}`,
        `per message, full path: ${cpuLine(subject, facts.subject)}`,
      ],
    };
  } finally {
    Reflect.deleteProperty(transport, 'send'); // back to the class's method
    bare.close();
  }
}

/** Messages handed to a transport and not yet answered, integrated over time. */
class InFlightGauge {
  private current = 0;
  private area = 0;
  private since = performance.now();
  private last = this.since;

  reset(): void {
    this.area = 0;
    this.since = this.last = performance.now();
  }

  async around<T>(send: () => Promise<T>): Promise<T> {
    this.tick();
    this.current++;
    try {
      return await send();
    } finally {
      this.tick();
      this.current--;
    }
  }

  /** Mean number in flight since the last reset. */
  average(): number {
    this.tick();
    const span = this.last - this.since;
    return span > 0 ? this.area / span : 0;
  }

  private tick(): void {
    const now = performance.now();
    this.area += this.current * (now - this.last);
    this.last = now;
  }
}

/**
 * Busy time of every core of the machine, in ms: from /proc/stat on Linux (softirq included, where loopback TCP is
 * processed), else from os.cpus() (which leaves softirq out).
 */
function machineBusyMs(): number {
  try {
    // "cpu  user nice system idle iowait irq softirq steal …" in USER_HZ ticks
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return ((user + nice + system + irq + softirq) * 1000) / CLOCK_TICKS;
  } catch {
    return cpus().reduce((s, c) => s + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  }
}

/** CPU (user + system, ms) of each Postgres backend serving `database`, by pid, from /proc; empty elsewhere. */
function backendCpuMs(database: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      // "postgres: 15/main: <user> <database> <client> <state>"
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
      out.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU spent between two snapshots by the processes alive at the second (a backend that ended meanwhile is lost). */
function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** Forks this module as the SMTP sink and resolves once it listens. */
async function startSinkProcess(): Promise<SmtpSink> {
  const child = fork(__filename, [SINK_FLAG], { stdio: 'inherit' });
  const waiting = new Map<number, (reply: SinkReply) => void>();
  child.on('message', (reply: SinkReply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  const ready = await new Promise<SinkReply>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the SMTP sink process did not start')), SINK_START_TIMEOUT_MS);
    waiting.set(0, (reply) => {
      clearTimeout(timer);
      if (reply.error !== null || reply.port === undefined) reject(new Error(`SMTP sink: ${reply.error}`));
      else resolve(reply);
    });
    child.once('exit', (code) => reject(new Error(`the SMTP sink process exited with ${code}`)));
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  let nextId = 1;
  const ask = (request: SinkAsk): Promise<SinkReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) => (reply.error ? reject(new Error(`SMTP sink: ${reply.error}`)) : resolve(reply)));
      child.send({ ...request, id } satisfies SinkRequest);
    });
  return {
    port: ready.port!,
    take: async (n) => {
      const { summary } = await ask({ op: 'take', n, timeoutMs: SINK_WAIT_MS });
      if (!summary) throw new Error('SMTP sink: no summary');
      return summary;
    },
    close: () => stopChild(child, () => ask({ op: 'close' })),
  };
}

async function stopChild(child: ChildProcess, askToClose: () => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await askToClose().catch(() => undefined);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The forked sink: startSmtpCapture on an ephemeral port, answering the parent over IPC. */
async function sinkMain(): Promise<void> {
  const capture = await startSmtpCapture({ host: SINK_HOST, port: 0 });
  let cpuMark = process.cpuUsage();
  let closing = false;
  const reply = (message: SinkReply): void => {
    process.send?.(message, () => {
      if (closing) process.disconnect?.(); // nothing left to answer: the process ends
    });
  };
  const take = async (n: number, timeoutMs: number): Promise<SinkSummary> => {
    await capture.waitFor(n, timeoutMs);
    const held = capture.messages;
    const cpu = process.cpuUsage(cpuMark);
    cpuMark = process.cpuUsage();
    const summary: SinkSummary = {
      messages: held.length,
      recipients: new Set(held.flatMap((m) => m.envelopeTo)).size,
      messageIds: new Set(held.map((m) => m.messageId)).size,
      withAttachment: held.filter((m) => m.attachments.length === 1).length,
      withDeliveryHeader: held.filter((m) => 'x-loa-delivery' in m.headers).length,
      bytes: held.reduce((s, m) => s + Buffer.byteLength(m.raw), 0),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    held.length = 0; // the capture keeps every message in memory; the parent has what it needs
    return summary;
  };
  process.on('disconnect', () => process.exit(0)); // the benchmark went away: so does its sink
  process.on('message', (request: SinkRequest) => {
    const answer = async (): Promise<SinkSummary | undefined> => {
      if (request.op === 'take') return take(request.n, request.timeoutMs);
      closing = true;
      await capture.close();
      return undefined;
    };
    answer().then(
      (summary) => reply({ id: request.id, summary, error: null }),
      (e: unknown) => reply({ id: request.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  reply({ id: 0, port: capture.port, error: null });
}

if (require.main === module && process.argv[2] === SINK_FLAG) {
  sinkMain().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
