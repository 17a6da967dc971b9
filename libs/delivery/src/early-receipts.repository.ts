import { PreparedStatement, updateReturning } from '@loa/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A receipt kept because its message id was not stored when it came. */
export interface EarlyReceipt {
  providerMessageId: string;
  outcome: 'delivered' | 'failed';
  error: string | null;
}

/** A kept receipt as a statement answers it. */
export interface KeptReceiptRow {
  provider_message_id: string;
  outcome: 'delivered' | 'failed';
  error: string | null;
}

/**
 * The kept receipts of a carrier's message ids, `$carrier` and `$ids` being parameter numbers: asked on its own, or
 * by the statement that stores the next outcomes (DeliveriesRepository.markSentMany), which saves a round trip.
 */
export function keptReceiptsOf(carrier: number, ids: number): string {
  return `SELECT provider_message_id, outcome, error FROM early_receipts
    WHERE carrier_code = $${carrier} AND provider_message_id = ANY($${ids}::text[])`;
}

export function earlyReceiptOf(row: KeptReceiptRow): EarlyReceipt {
  return { providerMessageId: row.provider_message_id, outcome: row.outcome, error: row.error };
}

/** Asked when a batch ends, for the ids no store's statement asked about (prepared: see PreparedStatement). */
const FIND_KEPT = new PreparedStatement<KeptReceiptRow>('loa_find_early_receipts', keptReceiptsOf(1, 2));

/** The SQL of `early_receipts`: receipts that came before their message id was stored. */
@Injectable()
export class EarlyReceiptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Keeps a receipt unless `max` are kept already. True when it is kept (or was already: the same receipt twice).
   * The count is read in the same statement; a few concurrent inserts may pass `max` by as many.
   */
  async keep(
    carrierCode: string,
    providerMessageId: string,
    outcome: 'delivered' | 'failed',
    error: string | null,
    max: number,
  ): Promise<boolean> {
    const rows = await updateReturning<{ kept: boolean }>(
      this.dataSource,
      `WITH room AS (SELECT count(*) < $5 AS ok FROM early_receipts),
            ins AS (
              INSERT INTO early_receipts (carrier_code, provider_message_id, outcome, error)
              SELECT $1, $2, $3, $4 FROM room WHERE room.ok
              ON CONFLICT (carrier_code, provider_message_id) DO NOTHING
              RETURNING 1)
       SELECT (EXISTS (SELECT 1 FROM ins)
               OR EXISTS (SELECT 1 FROM early_receipts WHERE carrier_code = $1 AND provider_message_id = $2)) AS kept`,
      [carrierCode, providerMessageId, outcome, error, max],
    );
    return rows[0]?.kept === true;
  }

  /** The kept receipts of these message ids of a carrier (none, nearly always). */
  async find(carrierCode: string, providerMessageIds: string[]): Promise<EarlyReceipt[]> {
    const rows = await FIND_KEPT.run(this.dataSource, [carrierCode, providerMessageIds]);
    return rows.map(earlyReceiptOf);
  }

  async forget(carrierCode: string, providerMessageIds: string[]): Promise<void> {
    if (!providerMessageIds.length) return;
    await this.dataSource.query(
      `DELETE FROM early_receipts WHERE carrier_code = $1 AND provider_message_id = ANY($2::text[])`,
      [carrierCode, providerMessageIds],
    );
  }

  /** Lets go of receipts kept longer than `seconds` (their message never came, or came from elsewhere). */
  async purgeOlderThan(seconds: number): Promise<number> {
    const rows = await updateReturning<{ n: number }>(
      this.dataSource,
      `WITH gone AS (DELETE FROM early_receipts WHERE received_at < now() - make_interval(secs => $1) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [seconds],
    );
    return rows[0]?.n ?? 0;
  }
}
