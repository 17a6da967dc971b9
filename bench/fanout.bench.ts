/**
 * Fan-out materialisation: FanoutService.run (INSERT … SELECT of delivery rows answering each carrier's span of ids,
 * batches cut from the spans and addBulk of batch jobs to the per-carrier BullMQ queues) against the bare
 * INSERT … SELECT alone, on campaigns of the same size in the same database.
 */
import { FanoutService } from '@loa/campaigns';
import { SmsQueues } from '@loa/queue';
import { benchRounds, intSetting, scaledSize } from './support/bench-env';
import { BenchStack, MATERIALISE_SMS_SQL, NATIONAL_MIX, withBenchStack } from './support/bench-stack';
import { BenchResult, Series, interleave, progress, round, throughputRatio, timed, total } from './support/measure';

const TEXT = 'Thông báo: bão số 3 đổ bộ đêm nay, người dân chằng chống nhà cửa.';
const WARMUP_SUBSCRIBERS = 1_000;

export async function runFanoutBench(): Promise<BenchResult> {
  const subscribers = scaledSize('BENCH_FANOUT_SUBSCRIBERS', 50_000, 1_000);
  const batchSize = intSetting('BENCH_BATCH_SIZE', 200, 1, 10_000);
  const rounds = benchRounds();
  return withBenchStack({ deliveryBatchSize: batchSize }, async (stack) => {
    const fanout = stack.moduleRef.get(FanoutService);
    const smsQueues = stack.moduleRef.get(SmsQueues);
    const carriers = NATIONAL_MIX.map((c) => c.carrierCode);
    const jobsInQueues = async (): Promise<number> => {
      let n = 0;
      for (const code of carriers) n += await smsQueues.forCarrier(code).count();
      return n;
    };

    // Warm-up: first queries, TypeORM metadata, Redis connections and BullMQ's Lua scripts.
    progress(`fan-out: warm-up with ${WARMUP_SUBSCRIBERS} subscribers`);
    await stack.ds.query(MATERIALISE_SMS_SQL, [await stack.runningSmsCampaign(WARMUP_SUBSCRIBERS, NATIONAL_MIX, TEXT)]);
    await fanout.run(await stack.runningSmsCampaign(WARMUP_SUBSCRIBERS, NATIONAL_MIX, TEXT), 0);

    // Every timed run gets a fresh campaign of the same size, all generated before any timing starts.
    progress(`fan-out: generating ${2 * rounds + 1} campaigns × ${subscribers} subscribers`);
    const baselineCampaigns: string[] = [];
    const subjectCampaigns: string[] = [];
    for (let i = 0; i <= rounds; i++) {
      baselineCampaigns.push(await stack.runningSmsCampaign(subscribers, NATIONAL_MIX, TEXT));
      if (i < rounds) subjectCampaigns.push(await stack.runningSmsCampaign(subscribers, NATIONAL_MIX, TEXT));
    }
    await stack.ds.query(`VACUUM ANALYZE audience_members`);
    await stack.ds.query(`VACUUM ANALYZE deliveries`);

    let jobsAdded = 0;
    const runs = await interleave(
      rounds,
      async (i) => {
        progress(`fan-out: baseline run ${i + 1}/${rounds + 1}, INSERT … SELECT of ${subscribers} rows`);
        const id = baselineCampaigns[i];
        const { seconds } = await timed(() => stack.ds.query(MATERIALISE_SMS_SQL, [id]));
        await expectQueuedRows(stack, id, subscribers);
        return { items: subscribers, seconds };
      },
      async (i) => {
        progress(`fan-out: subject run ${i + 1}/${rounds}, FanoutService.run over ${subscribers} subscribers`);
        const id = subjectCampaigns[i];
        const jobsBefore = await jobsInQueues();
        const { seconds } = await timed(() => fanout.run(id, 0));
        const added = (await jobsInQueues()) - jobsBefore;
        await expectQueuedRows(stack, id, subscribers);
        const minJobs = await minimumJobs(stack, id, batchSize);
        if (added < minJobs) throw new Error(`campaign ${id}: expected at least ${minJobs} batch jobs, found ${added}`);
        jobsAdded = added;
        return { items: subscribers, seconds };
      },
    );

    const perCarrier: Array<{ carrier_code: string; n: string }> = await stack.ds.query(
      `SELECT carrier_code, count(*) AS n FROM deliveries WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1`,
      [subjectCampaigns[0]],
    );
    const baseline: Series = { label: 'bare INSERT … SELECT', runs: runs.baseline };
    const subject: Series = { label: 'FanoutService.run (rows + batch jobs)', runs: runs.subject };
    const perRowBase = total(baseline).seconds / total(baseline).items;
    const perRowSubject = total(subject).seconds / total(subject).items;
    return {
      key: 'fanout',
      title: 'fan-out materialisation',
      unit: 'rows',
      baseline,
      subject,
      ratio: throughputRatio(subject, baseline),
      notes: [
        `${subscribers} subscribers per campaign over ${perCarrier.length} carriers ` +
          `(${perCarrier.map((c) => `${c.carrier_code} ${c.n}`).join(', ')}); ${rounds} subject runs ` +
          `interleaved with ${rounds + 1} baseline runs, each on a fresh campaign`,
        `each FanoutService.run added ${jobsAdded} batch jobs of up to ${batchSize} rows to per-carrier queues`,
        `time per row: bare INSERT ${round(perRowBase * 1e6, 2)} µs, FanoutService.run ` +
          `${round(perRowSubject * 1e6, 2)} µs; spans + addBulk + status checks ≈ ` +
          `${round(Math.max(0, 1 - perRowBase / perRowSubject) * 100, 1)} % of the fan-out`,
      ],
    };
  });
}

async function expectQueuedRows(stack: BenchStack, campaignId: string, expected: number): Promise<void> {
  const n = await stack.countRows(
    `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND channel = 'sms' AND status = 'queued'`,
    [campaignId],
  );
  if (n !== expected) throw new Error(`campaign ${campaignId}: expected ${expected} queued rows, found ${n}`);
}

/** Batches cannot be fewer than ceil(rows / batch size) per carrier (paging may split a few more). */
async function minimumJobs(stack: BenchStack, campaignId: string, batchSize: number): Promise<number> {
  const perCarrier: Array<{ n: string }> = await stack.ds.query(
    `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 GROUP BY carrier_code`,
    [campaignId],
  );
  return perCarrier.reduce((s, c) => s + Math.ceil(Number(c.n) / batchSize), 0);
}
