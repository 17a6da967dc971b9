/**
 * Finding SMS whose receipt did not come: DeliveriesRepository.claimAwaitingReceipt, the query each worker runs for
 * each carrier every minute, on a large campaign where almost every receipt did come. The subject uses the partial
 * index `deliveries_awaiting_receipt`; the baseline is the same claim with that index dropped (what the planner is
 * left with: the other indexes of the deliveries table, or a scan), in the same database, interleaved.
 */
import { DeliveriesRepository } from '@loa/delivery';
import { benchRounds, scaledSize } from './support/bench-env';
import { BenchStack, NATIONAL_MIX, MATERIALISE_SMS_SQL, withBenchStack } from './support/bench-stack';
import { BenchResult, Series, interleave, progress, round, throughputRatio, timed, total } from './support/measure';

const TEXT = 'Thông báo: lịch tiêm chủng tuần này tại trạm y tế xã.';
/** Messages still waiting for a receipt, one claim's worth per carrier. */
const WAITING_PER_CARRIER = 100;
/** Claims per timed run (each carrier once, several times over, re-armed between claims). */
const CLAIMS_PER_RUN = 20;

const INDEX_SQL = `CREATE INDEX IF NOT EXISTS deliveries_awaiting_receipt ON deliveries (carrier_code, sent_at)
  WHERE channel = 'sms' AND status = 'sent' AND final_at IS NULL`;

export async function runReceiptClaimBench(): Promise<BenchResult> {
  const subscribers = scaledSize('BENCH_RECEIPT_SUBSCRIBERS', 300_000, 10_000);
  const rounds = benchRounds();
  return withBenchStack({ deliveryBatchSize: 200 }, async (stack) => {
    const deliveries = stack.moduleRef.get(DeliveriesRepository);
    progress(`receipt claim: a campaign of ${subscribers} SMS, all delivered but ${WAITING_PER_CARRIER} per carrier`);
    const campaignId = await stack.runningSmsCampaign(subscribers, NATIONAL_MIX, TEXT);
    await stack.ds.query(MATERIALISE_SMS_SQL, [campaignId]);
    await stack.ds.query(
      `UPDATE deliveries SET status = 'delivered', provider_message_id = 'm-' || id, sent_at = now() - interval '2 hours',
              final_at = now() - interval '2 hours' WHERE campaign_id = $1`,
      [campaignId],
    );
    await stack.ds.query(
      `UPDATE deliveries d SET status = 'sent', final_at = NULL
         FROM (SELECT id, row_number() OVER (PARTITION BY carrier_code ORDER BY id) AS k FROM deliveries
                WHERE campaign_id = $1) w
        WHERE d.id = w.id AND w.k <= $2`,
      [campaignId, WAITING_PER_CARRIER],
    );
    await stack.ds.query(`VACUUM ANALYZE deliveries`);
    const waiting = await stack.countRows(
      `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND status = 'sent'`,
      [campaignId],
    );
    const carriers = NATIONAL_MIX.map((c) => c.carrierCode);
    if (waiting !== WAITING_PER_CARRIER * carriers.length) throw new Error(`expected waiting rows, found ${waiting}`);

    /** One timed run: CLAIMS_PER_RUN claims (carriers in turn), each finding every waiting message of its carrier. */
    const claims = async (): Promise<{ items: number; seconds: number }> => {
      let items = 0;
      let seconds = 0;
      for (let i = 0; i < CLAIMS_PER_RUN; i++) {
        const carrier = carriers[i % carriers.length];
        await rearm(stack, campaignId);
        const t = await timed(() => deliveries.claimAwaitingReceipt(carrier, 600, 1800, WAITING_PER_CARRIER));
        if (t.value.length !== WAITING_PER_CARRIER) {
          throw new Error(`${carrier}: claimed ${t.value.length}, expected ${WAITING_PER_CARRIER}`);
        }
        items += t.value.length;
        seconds += t.seconds;
      }
      return { items, seconds };
    };
    progress('receipt claim: warm-up');
    await claims();

    const runs = await interleave(
      rounds,
      async (i) => {
        progress(`receipt claim: baseline run ${i + 1}/${rounds + 1}, without the partial index`);
        await stack.ds.query(`DROP INDEX IF EXISTS deliveries_awaiting_receipt`);
        return claims();
      },
      async (i) => {
        progress(`receipt claim: subject run ${i + 1}/${rounds}, with the partial index`);
        await stack.ds.query(INDEX_SQL);
        return claims();
      },
    );
    await stack.ds.query(INDEX_SQL);
    const baseline: Series = { label: 'claim without the partial index', runs: runs.baseline };
    const subject: Series = { label: 'claimAwaitingReceipt (partial index)', runs: runs.subject };
    const perClaim = (s: Series) => (total(s).seconds / (s.runs.length * CLAIMS_PER_RUN)) * 1000;
    return {
      key: 'receiptClaim',
      title: 'receipt claim',
      unit: 'msgs',
      baseline,
      subject,
      ratio: throughputRatio(subject, baseline),
      notes: [
        `${subscribers} SMS in the campaign, ${WAITING_PER_CARRIER} per carrier still waiting (${carriers.length} ` +
          `carriers); each claim takes all ${WAITING_PER_CARRIER} of one carrier`,
        `time per claim: ${round(perClaim(subject), 2)} ms with the index, ${round(perClaim(baseline), 2)} ms without`,
      ],
    };
  });
}

/** The claimed rows may be asked about again (as RECEIPT_QUERY_EVERY_SECONDS later). Untimed. */
async function rearm(stack: BenchStack, campaignId: string): Promise<void> {
  await stack.ds.query(
    `UPDATE deliveries SET status_queried_at = NULL
      WHERE campaign_id = $1 AND channel = 'sms' AND status = 'sent' AND final_at IS NULL`,
    [campaignId],
  );
}
