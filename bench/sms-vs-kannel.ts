/**
 * The `smsVsKannel` baseline: the same messages pushed through Kannel (bearerbox + smsbox, Debian's package) into
 * the same SMSC simulator with the same window, timed from the first push until the simulator has them all.
 */
import { KannelGateway, kannelUnavailable, startKannel } from './support/kannel';
import type { SmscProcess } from './support/smsc-process';
import { Series, progress, timed } from './support/measure';

const KANNEL_SYSTEM_ID = 'loa-bench-kannel';
const WAIT_MS = 120_000;

export interface KannelRuns {
  series: Series;
  version: string;
  /** Messages Kannel submitted (warm-up included): the caller drains their receipts with its own. */
  submitted: number;
}

/** Kannel's runs, or why they could not be made (Kannel not installed): the benchmark then skips the ratio. */
export async function measureKannel(
  smsc: SmscProcess,
  plan: {
    messages: number;
    warmup: number;
    rounds: number;
    window: number;
    text: string;
    sender: string;
    /** submit_sm the simulator has seen before Kannel starts (its counts are cumulative). */
    submittedBefore: number;
    /** Runs a timed run charging its processes' CPU to a series (see CpuAccount). */
    charged: <T>(series: string, items: (value: T) => number, fn: () => Promise<T>) => Promise<T>;
    /** Destination numbers, distinct from the others' (the nth message of the whole benchmark). */
    destination: (n: number) => string;
  },
): Promise<KannelRuns | { skipped: string }> {
  const unavailable = await kannelUnavailable();
  if (unavailable) return { skipped: unavailable };
  const gateway = await startKannel({
    smscHost: smsc.host,
    smscPort: smsc.port,
    systemId: KANNEL_SYSTEM_ID,
    password: 'bench',
    window: plan.window,
  });
  let submitted = 0;
  let n = 0;
  const run = async (count: number): Promise<void> => {
    const messages = Array.from({ length: count }, () => ({ to: plan.destination(n++), text: plan.text }));
    await gateway.push(messages, plan.sender);
    submitted += count;
    await smsc.waitForSubmissions(plan.submittedBefore + submitted, WAIT_MS);
  };
  const drain = async (g: KannelGateway): Promise<void> => {
    await smsc.waitForReceipts(plan.submittedBefore + submitted, WAIT_MS);
    await g.waitForReports(submitted, WAIT_MS);
  };
  try {
    progress(`sms: Kannel ${gateway.version} warm-up (${plan.warmup} messages)`);
    await run(plan.warmup);
    await drain(gateway);
    const runs = [];
    for (let i = 0; i < plan.rounds; i++) {
      progress(`sms: Kannel run ${i + 1}/${plan.rounds}, ${plan.messages} messages`);
      const { seconds } = await plan.charged(
        'kannel',
        () => plan.messages,
        () => timed(() => run(plan.messages)),
      );
      await drain(gateway);
      runs.push({ items: plan.messages, seconds });
    }
    return {
      series: { label: `Kannel ${gateway.version} (bearerbox + smsbox, sendsms)`, runs },
      version: gateway.version,
      submitted,
    };
  } finally {
    await gateway.close();
  }
}
