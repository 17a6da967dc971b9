/** Queue names. One send queue per channel, and one per carrier for SMS so each carrier has its own limiter. */
export const QUEUES = {
  fanout: 'fanout',
  email: 'email-send',
  receipts: 'receipts',
  lifecycle: 'lifecycle',
  /** Text-to-speech for station scripts (libs/radio). */
  radioAudio: 'radio-audio',
} as const;

export function smsQueueName(carrierCode: string): string {
  if (!/^[a-z0-9-]+$/.test(carrierCode)) throw new Error(`Invalid carrier code for a queue name: "${carrierCode}"`);
  return `sms-${carrierCode}`;
}
