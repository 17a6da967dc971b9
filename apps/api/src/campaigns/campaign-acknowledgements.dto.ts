/** One agency of a campaign's e-mail channel and its "Xác nhận đã nhận". */
export class AgencyAcknowledgementDto {
  agencyCode!: string;
  /** Null when the agency has since left the directory. */
  agencyName!: string | null;
  email!: string | null;
  /** Delivery status of the e-mail: queued, sending, sent, failed, unknown, cancelled, … */
  status!: string;
  sentAt!: string | null;
  /** When the agency pressed "Xác nhận đã nhận"; null while it has not. */
  acknowledgedAt!: string | null;
  /** Reminders sent to it so far. */
  reminders!: number;
  /** When its silence was reported to the campaign's editor and approver; null when not (yet). */
  escalatedAt!: string | null;
}
