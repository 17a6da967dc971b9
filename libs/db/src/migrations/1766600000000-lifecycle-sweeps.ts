import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the lifecycle tick (every two seconds) asks, cheaply however large a campaign is. On a million-row campaign
 * the search for lost work read every queued row of the campaign at every tick, and the completion check walked
 * every delivered row: together they took more of PostgreSQL's time than storing the outcomes did.
 *
 * - `campaigns.last_batch_at`: when a batch of the campaign last started (stamped by the workers every few seconds
 *   at most), or when one put off until a window will run. Rows that waited long in a queue still being worked
 *   through, or held for quiet hours, are not lost work, and are not searched.
 * - `deliveries_ended_rows_final`: an SMS or e-mail row in any state but queued, sending or sent is final. The
 *   completion check relies on it to look at those three states only (deliveries_by_status goes straight to them);
 *   a transition that forgot `final_at` now fails instead of letting a campaign complete early. NOT VALID: rows
 *   written before are not re-read.
 *
 * No partial index on `status = 'queued'` or `'sending'`: right after a fan-out the statistics describe such an
 * index as nearly empty, and the send path's statements (which name those states) were planned as walks of it —
 * measured at ten times the cost of the sweeps it would have saved.
 */
export class LifecycleSweeps1766600000000 implements MigrationInterface {
  name = 'LifecycleSweeps1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN last_batch_at timestamptz`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_ended_rows_final
         CHECK (channel NOT IN ('sms','email') OR status IN ('queued','sending','sent') OR final_at IS NOT NULL)
         NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_ended_rows_final`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN IF EXISTS last_batch_at`);
  }
}
