/**
 * Deterministic job ids (BullMQ refuses most ids containing ':'): a retried fan-out or a duplicate enqueue of the
 * same batch is ignored by BullMQ, and the compare-and-set claim on rows makes any survivor harmless.
 */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function fanoutJobId(campaignId: string, epoch: number): string {
  return `fanout-${safe(campaignId)}-e${epoch}`;
}

export function batchJobId(campaignId: string, channel: string, epoch: number, firstDeliveryId: string): string {
  return `${safe(campaignId)}-${safe(channel)}-e${epoch}-b${safe(firstDeliveryId)}`;
}

/** One test a minute per user and campaign: a double click sends one message. */
export function smsTestJobId(campaignId: string, userId: string, at: Date): string {
  return `test-sms-${safe(campaignId)}-${safe(userId)}-m${Math.floor(at.getTime() / 60_000)}`;
}

export function receiptJobId(carrierCode: string, providerMessageId: string, providerStatus: string): string {
  return `rcpt-${safe(carrierCode)}-${safe(providerMessageId)}-${safe(providerStatus)}`;
}
