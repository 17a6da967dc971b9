/**
 * Manual check of the Kannel baseline (bench/support/kannel.ts): starts the SMSC simulator and Kannel, pushes
 * KANNEL_CHECK_MESSAGES (2,000) messages KANNEL_CHECK_ROUNDS (3) times after a warm-up of 2,000, prints msg/s from the
 * first push until the simulator has them all, and checks every submission's destination, text and coding.
 * Exits 0 with a note when Kannel is not installed.
 *
 *   npm run build && node dist/bench/support/kannel.check.js
 */
import { SmscSubmission, startSmscSimulator } from '../../tools/peers/smsc-simulator';
import { kannelUnavailable, startKannel } from './kannel';

const TEXT = 'Thông báo: bão số 3 đổ bộ đêm nay, người dân chằng chống nhà cửa.';
const SENDER = 'LOA-ALERT';
const SYSTEM_ID = 'loa-kannel';
const PASSWORD = 'demo-smpp';
/** The smsSend benchmark's window (SmsDispatchService sends 10 messages in flight). */
const WINDOW = 10;
/** As the smsSend benchmark: JIT of the simulator and a warm Kannel before any timing. */
const WARMUP = 2_000;
const WAIT_MS = 120_000;

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const unavailable = await kannelUnavailable();
  if (unavailable) {
    console.log(unavailable);
    return;
  }
  const messages = envInt('KANNEL_CHECK_MESSAGES', 2_000);
  const rounds = envInt('KANNEL_CHECK_ROUNDS', 3);
  const smsc = await startSmscSimulator({ port: 0, receiptDelayMs: 10 });
  try {
    const kannel = await startKannel({
      smscHost: smsc.host,
      smscPort: smsc.port,
      systemId: SYSTEM_ID,
      password: PASSWORD,
      window: WINDOW,
    });
    try {
      console.log(`Kannel ${kannel.version} up in ${kannel.startupMs} ms (bearerbox + SMPP bind + smsbox)`);
      let phone = 0;
      let total = 0;
      const round = async (count: number, label: string): Promise<void> => {
        const batch = Array.from({ length: count }, () => ({
          to: `+8496${String(phone++ % 10_000_000).padStart(7, '0')}`,
          text: TEXT,
        }));
        const first = total;
        total += count;
        const started = process.hrtime.bigint();
        await kannel.push(batch, SENDER);
        const pushed = process.hrtime.bigint();
        await smsc.waitForSubmissions(total, WAIT_MS);
        const received = process.hrtime.bigint();
        const seconds = Number(received - started) / 1e9;
        const pushSeconds = Number(pushed - started) / 1e9;
        // Receipts and the reports Kannel derives from them must not spill into the next round.
        await smsc.waitForReceipts(total, WAIT_MS);
        await kannel.waitForReports(total, WAIT_MS);
        check(batch, smsc.submissions.slice(first), smsc.submissions.length - total, label);
        console.log(
          `${label}: ${count} messages in ${seconds.toFixed(3)} s = ${Math.round(count / seconds)} msg/s ` +
            `(all accepted by sendsms after ${pushSeconds.toFixed(3)} s; receipts and reports drained)`,
        );
      };
      await round(WARMUP, 'warm-up');
      for (let i = 0; i < rounds; i++) await round(messages, `run ${i + 1}/${rounds}`);
      console.log(`all ${total} submissions checked; ${smsc.receipts.length} receipts, ${kannel.reports} reports`);
    } finally {
      await kannel.close();
    }
  } finally {
    await smsc.close();
  }
}

function check(
  sent: Array<{ to: string; text: string }>,
  received: SmscSubmission[],
  extra: number,
  label: string,
): void {
  if (extra !== 0) throw new Error(`${label}: ${extra} more submissions than messages pushed`);
  const expected = new Map(sent.map((m) => [m.to.slice(1), m.text.normalize('NFC')]));
  const problems: string[] = [];
  for (const s of received) {
    const text = expected.get(s.destination);
    if (text === undefined) problems.push(`unexpected or repeated destination ${s.destination}`);
    else if (s.text !== text) problems.push(`${s.destination}: text ${JSON.stringify(s.text)}`);
    else if (
      // What our path sends for this text: UCS-2, international destination, alphanumeric sender, one receipt.
      s.dataCoding !== 8 ||
      s.esmClass !== 0 ||
      s.udh !== null ||
      s.destAddrTon !== 1 ||
      s.sourceAddr !== SENDER ||
      s.sourceAddrTon !== 5 ||
      s.registeredDelivery !== 1
    ) {
      problems.push(
        `${s.destination}: data_coding ${s.dataCoding}, esm_class ${s.esmClass}, dest TON ${s.destAddrTon}, ` +
          `source ${s.sourceAddr} TON ${s.sourceAddrTon}, registered_delivery ${s.registeredDelivery}`,
      );
    }
    expected.delete(s.destination);
  }
  if (expected.size) problems.push(`${expected.size} destinations never submitted`);
  if (problems.length) throw new Error(`${label}: ${problems.length} problems: ${problems.slice(0, 5).join('; ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
