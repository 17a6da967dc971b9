/**
 * SMS send path: the full batch path (SmsDispatchService.sendBatch over an SmppProvider: claim → submit_sm →
 * mark sent, a chunk of rows per statement, in Postgres) against a bare SmppSession submitting the same messages with the same number
 * in flight, both to the in-repo SMSC simulator running in a process of its own.
 */
import { cpus } from 'node:os';
import {
  DEFAULT_SEND_WINDOW,
  SMS_BATCHES_AT_ONCE,
  SmppProvider,
  SmppSession,
  SmsDispatchService,
  renderForCarrier,
} from '@loa/sms';
import { measureKannel } from './sms-vs-kannel';
import { sendInBatchesAtOnce } from './support/batches-at-once';
import { SmscProcess, startSmscProcess } from './support/smsc-process';
import { CpuAccount, pidsNamed, procReadable } from './support/process-cpu';
import { benchRounds, intSetting, scaledSize } from './support/bench-env';
import { BenchStack, MATERIALISE_SMS_SQL, withBenchStack } from './support/bench-stack';
import { BenchResult, Series, interleave, progress, round, throughputRatio, timed, total } from './support/measure';

const TEXT = 'Thông báo: bão số 3 đổ bộ đêm nay, người dân chằng chống nhà cửa.';
const CARRIER = { carrierCode: 'viettel', msisdnPrefix: '8496', weight: 1 };
const SMPP_SYSTEM_ID = 'loa-viettel';
const SMPP_PASSWORD = 'demo-smpp';
/** The carrier's SMPP window (its default unless BENCH_SMS_WINDOW says otherwise); the baseline uses the same. */
const IN_FLIGHT = intSetting('BENCH_SMS_WINDOW', DEFAULT_SEND_WINDOW, 1, 1000);
/** Warm-up before any timing (JIT of the SMPP codec, TypeORM and pg paths): messages each way. */
const WARMUP_MESSAGES = 2_000;
const RECEIPT_DRAIN_MS = 60_000;

/** `smsSend` (the full path vs a bare SMPP session) and, where Kannel is installed, `smsVsKannel`. */
export async function runSmsSendBench(): Promise<BenchResult[]> {
  const messages = scaledSize('BENCH_SMS_MESSAGES', 10_000, 100);
  const batchSize = intSetting('BENCH_BATCH_SIZE', 200, 1, 10_000);
  const receiptDelayMs = intSetting('BENCH_SMSC_RECEIPT_DELAY_MS', 10, 0, 10_000);
  // A real SMSC answers across a network; on loopback it answers at once, where the full path's statements weigh most.
  const latencyMs = intSetting('BENCH_SMSC_LATENCY_MS', 0, 0, 10_000);
  const rounds = benchRounds();
  return withBenchStack({ deliveryBatchSize: batchSize }, async (stack) => {
    const smsc = await startSmscProcess({ receiptDelayMs, latencyMs });
    try {
      return await measure(stack, smsc, { messages, batchSize, receiptDelayMs, latencyMs, rounds });
    } finally {
      await smsc.close();
    }
  });
}

async function measure(
  stack: BenchStack,
  smsc: SmscProcess,
  sizes: { messages: number; batchSize: number; receiptDelayMs: number; latencyMs: number; rounds: number },
): Promise<BenchResult[]> {
  const { messages, batchSize, receiptDelayMs, latencyMs, rounds } = sizes;
  const dispatch = stack.moduleRef.get(SmsDispatchService);
  const [carrier]: Array<{ sender_name: string }> = await stack.ds.query(
    `SELECT sender_name FROM carriers WHERE code = $1`,
    [CARRIER.carrierCode],
  );
  if (!carrier) throw new Error(`the demo seed has no carrier ${CARRIER.carrierCode}`);
  await stack.ds.query(
    `UPDATE carriers SET connection = connection || jsonb_build_object('window', $2::int) WHERE code = $1`,
    [CARRIER.carrierCode, IN_FLIGHT],
  );
  // Exactly what SmsDispatchService submits for this plan.
  const text = renderForCarrier(TEXT, { stripDiacritics: false });
  let submittedSoFar = 0;
  const drainReceipts = async (): Promise<void> => {
    // Receipts of one phase must not land in the next phase's timing.
    await smsc.waitForReceipts(submittedSoFar, RECEIPT_DRAIN_MS);
  };

  // What each process spends while the runs are timed (Linux /proc): the paths share the machine's cores.
  const cpu = procReadable()
    ? new CpuAccount({
        'this process': () => [process.pid],
        'SMSC simulator': () => [smsc.pid],
        PostgreSQL: () => pidsNamed('postgres'),
        // Carriers' rate gates, bind leases and BullMQ live there (caps and quotas are PostgreSQL's): what the path
        // asks of it shares the cores too.
        Redis: () => pidsNamed('redis-server'),
        Kannel: () => [...pidsNamed('bearerbox'), ...pidsNamed('smsbox')],
      })
    : null;
  const charged = <T>(series: string, items: (value: T) => number, fn: () => Promise<T>): Promise<T> =>
    cpu ? cpu.during(series, items, fn) : fn();

  // Baseline: one bare SMPP session, IN_FLIGHT submits outstanding at any time, nothing persisted.
  const session = new SmppSession({
    host: smsc.host,
    port: smsc.port,
    systemId: 'loa-bench-bare',
    password: SMPP_PASSWORD,
  });
  session.onReceipt(() => undefined);
  await session.connect();
  let phoneCounter = 0;
  const bareRun = async (count: number): Promise<number> => {
    let next = 0;
    let accepted = 0;
    const lane = async (): Promise<void> => {
      while (next < count) {
        next++;
        const n = phoneCounter++;
        await session.submit({
          destination: `+${CARRIER.msisdnPrefix}${String(n % 10_000_000).padStart(7, '0')}`,
          sourceAddr: carrier.sender_name,
          text,
          registeredDelivery: true,
        });
        accepted++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, lane));
    submittedSoFar += accepted;
    return accepted;
  };

  // Full path: rows of a running campaign, sent batch after batch (one BullMQ worker per carrier runs
  // SMS_BATCHES_AT_ONCE batches at a time), each batch through SmsDispatchService with the carrier's SmppProvider.
  const provider = new SmppProvider(CARRIER.carrierCode, {
    host: smsc.host,
    port: smsc.port,
    systemId: SMPP_SYSTEM_ID,
    password: SMPP_PASSWORD,
  });
  const fullRun = async (campaignId: string): Promise<number> => {
    const ids: Array<{ id: string }> = await stack.ds.query(
      `SELECT id FROM deliveries WHERE campaign_id = $1 AND status = 'queued' ORDER BY id`,
      [campaignId],
    );
    // As the carrier's worker takes its jobs: SMS_BATCHES_AT_ONCE at a time, sharing the provider's window.
    const accepted = await sendInBatchesAtOnce(
      ids.map((r) => String(r.id)),
      batchSize,
      SMS_BATCHES_AT_ONCE,
      async (deliveryIds, n) => {
        const r = await dispatch.sendBatch({ campaignId, carrierCode: CARRIER.carrierCode, deliveryIds }, provider);
        if ('deferUntil' in r) throw new Error('quiet hours must be off in the benchmark (SMS_QUIET_HOURS=false)');
        if (r.rejected || r.ambiguous || r.stoppedBy) {
          throw new Error(`batch ${n} of ${campaignId}: ${JSON.stringify(r)}`);
        }
        return r.accepted;
      },
    );
    submittedSoFar += accepted;
    return accepted;
  };
  const newCampaign = async (size: number): Promise<string> => {
    const id = await stack.runningSmsCampaign(size, [CARRIER], TEXT);
    await stack.ds.query(MATERIALISE_SMS_SQL, [id]);
    return id;
  };

  try {
    await provider.start(async () => undefined);

    const warmup = Math.min(WARMUP_MESSAGES, messages);
    progress(`sms: preparing ${rounds} campaigns of ${messages} rows and a warm-up one of ${warmup}`);
    const warmupCampaign = await newCampaign(warmup);
    const campaigns: string[] = [];
    for (let i = 0; i < rounds; i++) campaigns.push(await newCampaign(messages));
    await stack.ds.query(`VACUUM ANALYZE deliveries`);

    progress(`sms: warm-up (${warmup} messages each way)`);
    await bareRun(warmup);
    await fullRun(warmupCampaign);
    await drainReceipts();

    const runs = await interleave(
      rounds,
      async (i) => {
        progress(`sms: baseline run ${i + 1}/${rounds + 1}, bare SmppSession, ${messages} messages`);
        const { seconds, value } = await charged(
          'bare',
          (r) => r.value,
          () => timed(() => bareRun(messages)),
        );
        await drainReceipts();
        return { items: value, seconds };
      },
      async (i) => {
        progress(`sms: subject run ${i + 1}/${rounds}, sendBatch over ${Math.ceil(messages / batchSize)} batches`);
        const campaign = campaigns[i];
        const { seconds, value: sent } = await charged(
          'full',
          (r) => r.value,
          () => timed(() => fullRun(campaign)),
        );
        await drainReceipts();
        const rowsSent = await stack.countRows(
          `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND status = 'sent'
              AND provider_message_id IS NOT NULL`,
          [campaign],
        );
        if (sent !== messages || rowsSent !== messages) {
          throw new Error(`expected ${messages} rows sent, batch results say ${sent}, the table says ${rowsSent}`);
        }
        return { items: sent, seconds };
      },
    );

    const baseline: Series = { label: `bare SmppSession, ${IN_FLIGHT} in flight`, runs: runs.baseline };
    const subject: Series = { label: 'SmsDispatchService.sendBatch + SmppProvider', runs: runs.subject };
    const kannel = await measureKannel(smsc, {
      messages,
      warmup,
      rounds,
      window: IN_FLIGHT,
      text,
      sender: carrier.sender_name,
      submittedBefore: submittedSoFar,
      charged,
      destination: (n) => `+${CARRIER.msisdnPrefix}${String((phoneCounter + n) % 10_000_000).padStart(7, '0')}`,
    });
    const counts = await smsc.counts();
    const perMsgBase = total(baseline).seconds / total(baseline).items;
    const perMsgSubject = total(subject).seconds / total(subject).items;
    const smsSend: BenchResult = {
      key: 'smsSend',
      title: 'SMS send path',
      unit: 'msgs',
      baseline,
      subject,
      ratio: throughputRatio(subject, baseline),
      notes: [
        `${messages} messages per run to the SMSC simulator in its own process (receipts after ${receiptDelayMs} ms, ` +
          `drained between runs; ${latencyMs ? `each submit answered after ${latencyMs} ms` : 'submits answered at once'}); ${rounds} subject runs interleaved with ${rounds + 1} baseline runs; ` +
          `${counts.submissions} submit_sm and ${counts.receipts} receipts in all`,
        `full path: batches of up to ${batchSize} rows, ${SMS_BATCHES_AT_ONCE} at a time as the carrier's BullMQ worker runs them, ` +
          `sharing a window of ${IN_FLIGHT} rows claimed and not yet recorded (a batch's first claim fills it, then claims of ` +
          `${Math.ceil(IN_FLIGHT / 4)} as soon as there is room, outcomes stored as they come, each store claiming the next rows in the same ` +
          `statement); every row checked 'sent' with a provider message id`,
        `time per message: bare SMPP ${round(perMsgBase * 1e6, 1)} µs, full path ${round(perMsgSubject * 1e6, 1)} µs ` +
          `(wall time over runs with ${IN_FLIGHT} in flight); the gap is the Postgres work (claim and mark ` +
          `sent, status checks, a few statements per window) and the batch boundaries (see bench/README.md)`,
        ...cpuNotes(cpu),
        ...('skipped' in kannel ? [`smsVsKannel skipped: ${kannel.skipped}`] : []),
      ],
    };
    if ('skipped' in kannel) return [smsSend];
    const versusKannel: BenchResult = {
      key: 'smsVsKannel',
      title: 'SMS vs Kannel',
      unit: 'msgs',
      baseline: kannel.series,
      subject,
      ratio: throughputRatio(subject, kannel.series),
      notes: [
        `the same ${messages} messages per run into the same simulator with the same window (${IN_FLIGHT}), timed ` +
          `from the first sendsms request until the simulator has every submit_sm; ${rounds} Kannel runs after ` +
          `the interleaved ones above, each after a warm-up of ${warmup}; receipts requested and handed to a ` +
          `no-op dlr-url (bench/support/kannel.ts)`,
        `subject: the full path's runs above (claim, submit, record in PostgreSQL); Kannel keeps nothing on disk`,
        ...cpuLine(cpu, 'kannel', 'Kannel'),
      ],
    };
    return [smsSend, versusKannel];
  } finally {
    await provider.stop().catch(() => undefined);
    await session.close().catch(() => undefined);
  }
}

/** CPU per message of each process, from /proc, for a series: one note, or none where it was not measured. */
function cpuLine(cpu: CpuAccount | null, series: string, label: string): string[] {
  const spent = cpu?.perItem(series)?.filter((g) => g.micros >= 0.5);
  if (!spent?.length) return [];
  const all = spent.reduce((s, g) => s + g.micros, 0);
  const parts = spent.map((g) => `${g.group} ${round(g.micros, 0)}`).join(', ');
  return [`CPU per message, ${label}: ${round(all, 0)} µs (${parts}; /proc, during the timed runs)`];
}

/**
 * Where the time goes: every process's CPU per message on each path, and the ratio their totals allow. The paths
 * share the machine's cores with the simulator (and PostgreSQL), so once both are CPU-bound the throughput ratio
 * follows the CPU per message.
 */
function cpuNotes(cpu: CpuAccount | null): string[] {
  const bare = cpu?.perItem('bare');
  const full = cpu?.perItem('full');
  if (!bare || !full) return ['CPU per message: not measured (no /proc on this system)'];
  const sum = (g: Array<{ micros: number }>) => g.reduce((s, x) => s + x.micros, 0);
  return [
    ...cpuLine(cpu, 'bare', 'bare SMPP'),
    ...cpuLine(cpu, 'full', 'full path'),
    `CPU per message bare / full path: ${round(sum(bare) / sum(full), 2)} — about the ratio to expect when both ` +
      `paths keep the ${cpus().length} cores busy`,
  ];
}
