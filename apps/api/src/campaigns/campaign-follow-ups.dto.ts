/** One reminder or escalation about a station behind its schedule or a carrier order not acknowledged in time. */
export class OverdueFollowUpDto {
  /** 'station' or 'carrier_order'. */
  subjectType!: 'station' | 'carrier_order' | 'carrier_pause';
  /** The station's name, or "carrier (area)"; null when it has since left the directory. */
  subjectName!: string | null;
  /** not_pulled: no script pulled by the first slot; missed_slot: a slot missed, none aired since;
   *  order_unacknowledged: the carrier had not acknowledged its order when the window started. */
  problem!: 'not_pulled' | 'missed_slot' | 'order_unacknowledged' | 'carrier_auto_paused';
  /** reminder (to the station's contact) or escalation (to the station above it and the department). */
  kind!: 'reminder' | 'escalation';
  seq!: number;
  recipients!: string[];
  /** sending, sent, failed, unknown (a worker died mid-send; never re-sent) or no_recipient (nobody to write to). */
  status!: 'sending' | 'sent' | 'failed' | 'unknown' | 'no_recipient';
  createdAt!: string;
  sentAt!: string | null;
  error!: string | null;
}
