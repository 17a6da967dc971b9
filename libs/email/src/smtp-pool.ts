import type { SmtpConfig } from '@loa/config';
import type { StoreGrouping } from '@loa/delivery';

/**
 * How a pooled transport talks to one SMTP server: its connections and messages per connection, and its rate as
 * nodemailer's pool counts it (`rateLimit` messages per `rateDelta` ms; a tenth of a second for 10/s and more, so
 * the rate is smooth rather than a burst each second).
 */
export function smtpPoolOptions(smtp: SmtpConfig): {
  pool: true;
  maxConnections: number;
  maxMessages: number;
  rateDelta?: number;
  rateLimit?: number;
} {
  const base = { pool: true as const, maxConnections: smtp.maxConnections, maxMessages: smtp.maxMessagesPerConnection };
  if (smtp.ratePerSecond <= 0) return base;
  const perTenth = smtp.ratePerSecond / 10;
  return Number.isInteger(perTenth) && perTenth >= 1
    ? { ...base, rateDelta: 100, rateLimit: perTenth }
    : { ...base, rateDelta: 1000, rateLimit: smtp.ratePerSecond };
}

/**
 * Batch jobs one worker process runs at once (EmailProcessor's concurrency). They share the process's window
 * (emailWindow), so that one batch's start and end (its reads, its last outcomes being stored) do not leave the
 * connections idle, without more rows in flight.
 */
export const EMAIL_BATCHES_AT_ONCE = 2;

/**
 * Rows the e-mail send path keeps claimed and not yet recorded in a process, whatever the batches running (they
 * share it): four per pooled connection — about two in each connection's queue, the rest being claimed or stored —
 * so that no connection waits between messages. The most a killed worker leaves `unknown`.
 */
export function emailWindow(smtp: SmtpConfig): number {
  return smtp.maxConnections * 4;
}

/**
 * Outcomes of e-mails are stored a few at a time: SMTP answers come one by one, so a store waits for a quarter of
 * the window (at most 4 ms after the first) rather than writing each on its own — far fewer statements.
 */
export function emailStoreGrouping(smtp: SmtpConfig): StoreGrouping {
  return { concurrent: 2, gather: { items: Math.ceil(emailWindow(smtp) / 4), ms: 4 } };
}
