import type { SendOutcome } from '@loa/delivery';
import { createTwilioClient } from '../twilio';
import { analyzeText } from '../text';
import { rateGateRefusal } from './rate-gate';
import type { OutgoingSms, SendPace, SmsProvider, StatusAnswer, StatusQuery } from './sms-provider';

export interface TwilioConnectionSettings {
  accountSid: string;
  authToken: string;
  /** Twilio's API origin; the local stand-in in demo and tests. */
  apiBaseUrl?: string;
  /** Where Twilio posts status callbacks (our signed webhook). */
  statusCallbackUrl: string;
}

/** A carrier reached through Twilio's Messages API; receipts arrive as signed status callbacks. */
export class TwilioProvider implements SmsProvider {
  private readonly client: ReturnType<typeof createTwilioClient>;

  constructor(
    readonly carrierCode: string,
    private readonly settings: TwilioConnectionSettings,
  ) {
    this.client = createTwilioClient({
      accountSid: settings.accountSid,
      authToken: settings.authToken,
      apiBaseUrl: settings.apiBaseUrl,
    });
  }

  async start(): Promise<void> {
    // Receipts come over HTTP to the API's webhook, not over this connection.
  }

  async send(sms: OutgoingSms, pace?: SendPace): Promise<SendOutcome> {
    // One API call sends every segment, and Twilio counts its rate in segments: pace each before the call.
    if (pace) {
      try {
        const { segments } = analyzeText(sms.text);
        for (let part = 0; part < segments; part++) await pace(part);
      } catch (e) {
        return rateGateRefusal(e);
      }
    }
    try {
      const msg = await this.client.messages.create({
        to: `+${sms.msisdn}`,
        from: sms.senderName,
        body: sms.text,
        statusCallback: this.settings.statusCallbackUrl,
      });
      return { kind: 'accepted', providerMessageId: msg.sid, final: false };
    } catch (e) {
      return classifyTwilioError(e);
    }
  }

  /** An HTTP API: no session to lose; its failures show in the outcomes. */
  isConnected(): boolean {
    return true;
  }

  async queryStatus(query: StatusQuery): Promise<StatusAnswer> {
    try {
      const msg = await this.client.messages(query.providerMessageId).fetch();
      const outcome = twilioFinalOutcome(msg.status);
      if (!outcome) return { kind: 'pending', providerStatus: msg.status };
      const errorCode = msg.errorCode === null || msg.errorCode === undefined ? null : String(msg.errorCode);
      return { kind: 'final', outcome, providerStatus: msg.status, errorCode: outcome === 'failed' ? errorCode : null };
    } catch (e) {
      if ((e as { status?: number }).status === 404) return { kind: 'unknown', providerStatus: 'not found (404)' };
      throw e;
    }
  }

  async stop(): Promise<void> {}
}

/** An HTTP error answer means no message was created: 4xx fails the row (429 retries), 5xx retries. */
export function classifyTwilioError(e: unknown): SendOutcome {
  const err = e as { status?: number; code?: number; message?: string };
  const message = `Twilio ${err.status ?? ''} ${err.code ?? ''}: ${err.message ?? String(e)}`.trim();
  if (typeof err.status !== 'number') return { kind: 'ambiguous', error: message };
  if (err.status === 429) return { kind: 'retry-later', error: message, throttled: true };
  if (err.status >= 500) return { kind: 'retry-later', error: message };
  return { kind: 'rejected', error: message };
}

/** Twilio's MessageStatus values that end a message. */
export function twilioFinalOutcome(status: string): 'delivered' | 'failed' | null {
  if (status === 'delivered') return 'delivered';
  if (status === 'undelivered' || status === 'failed') return 'failed';
  return null;
}
