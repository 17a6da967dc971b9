import type { SmtpConfig } from '@loa/config';

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

/** Messages the e-mail send path keeps in flight: two per pooled connection, so none waits between messages. */
export function emailWindow(smtp: SmtpConfig): number {
  return smtp.maxConnections * 2;
}
