import type { QueuedDelivery } from './channel-fanout';

/** A batch job's worth of delivery ids, all of one carrier (or none: email). */
export interface SendBatch {
  carrierCode: string;
  deliveryIds: string[];
}

/**
 * Cuts a page of queued rows into send batches of at most `size` ids, grouped by carrier (each carrier has its own
 * queue), keeping id order inside each carrier so that the first id names the batch deterministically.
 */
export function sendBatches(rows: readonly QueuedDelivery[], size: number): SendBatch[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`batch size must be a positive integer (got ${size})`);
  const byCarrier = new Map<string, string[]>();
  for (const r of rows) {
    const key = r.carrierCode ?? '';
    const ids = byCarrier.get(key) ?? [];
    ids.push(r.id);
    byCarrier.set(key, ids);
  }
  const out: SendBatch[] = [];
  for (const [carrierCode, ids] of byCarrier) {
    for (let i = 0; i < ids.length; i += size) out.push({ carrierCode, deliveryIds: ids.slice(i, i + size) });
  }
  return out;
}

/** How a launch's send batches stand in their queue (BullMQ: a lower priority number is taken first). */
export interface SendJobOptions {
  readonly priority: number;
}

export const EMERGENCY_PRIORITY = 1;
export const NORMAL_PRIORITY = 10;

/** An emergency campaign's batches go ahead of ordinary work already waiting on the same carrier or SMTP server. */
export function sendJobOptions(campaign: { emergency: boolean }): SendJobOptions {
  return { priority: campaign.emergency ? EMERGENCY_PRIORITY : NORMAL_PRIORITY };
}
