import { positiveInt } from '../positive-int';
import { dailyQuota, sendWindow } from '../sms-dispatch.service';
import { carrierRules } from '../text';

/** What a carrier's row lets Loa send (its contract's terms as `connection` states them), defaults applied. */
export interface CarrierSendingTerms {
  /** Registered sender name (brandname). */
  senderName: string;
  /** Submissions per second across every worker; null: not limited by Loa. */
  tps: number | null;
  /** Sessions across every worker; null: as many as workers open. */
  maxBinds: number | null;
  /** Messages in flight per batch (SMPP window). */
  window: number;
  /** Messages per local day across every worker; null: none. */
  dailyQuota: number | null;
  /** Parts one message may take. */
  maxSegments: number;
}

/** The terms a carrier row states, read by the same rules the send path reads them with (pure). */
export function carrierSendingTerms(carrier: {
  senderName: string;
  connection: Record<string, unknown> | null | undefined;
}): CarrierSendingTerms {
  const c = carrier.connection ?? {};
  const tps = Number(c.tps ?? 0);
  return {
    senderName: carrier.senderName,
    tps: Number.isFinite(tps) && tps > 0 ? tps : null,
    maxBinds: positiveInt(c.maxBinds),
    window: sendWindow(c.window),
    dailyQuota: dailyQuota(c.dailyQuota),
    maxSegments: carrierRules(carrier, false).maxSegments,
  };
}
