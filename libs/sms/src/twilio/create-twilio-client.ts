/**
 * Official Twilio SDK client, optionally pointed at another API origin (the local
 * Twilio stand-in in the demo and tests), plus webhook signature verification.
 *
 * twilio-node builds absolute URLs per domain (https://api.twilio.com, …) and sends
 * every request through `opts.httpClient.request()`; a RequestClient subclass that
 * rewrites the origin is the SDK's supported extension point for this.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** e.g. http://127.0.0.1:4010; requests for *.twilio.com go there instead. */
  apiBaseUrl?: string;
  /** Request timeout in milliseconds (SDK default 30000). */
  timeoutMs?: number;
}

export type TwilioClient = twilio.Twilio;

/** Replaces scheme, host and port of `uri` by those of `base` (keeping base's path prefix). */
export function rewriteOrigin(uri: string, base: URL): string {
  const original = new URL(uri);
  const target = new URL(base.href);
  target.pathname = `${base.pathname.replace(/\/+$/, '')}${original.pathname}`;
  target.search = original.search;
  return target.href;
}

class OriginRewritingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiBase: URL,
    timeoutMs: number | undefined,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: rewriteOrigin(opts.uri, this.apiBase) });
  }
}

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const httpClient = options.apiBaseUrl
    ? new OriginRewritingRequestClient(new URL(options.apiBaseUrl), options.timeoutMs)
    : undefined;
  return twilio(options.accountSid, options.authToken, {
    httpClient,
    timeout: options.timeoutMs,
  });
}

export interface TwilioSignatureCheck {
  authToken: string;
  /** Value of the X-Twilio-Signature header. */
  signature: string;
  /** The full URL Twilio requested (the StatusCallback URL, with query string). */
  url: string;
  /** The POSTed form parameters. */
  params: Record<string, string | string[]>;
}

export function verifyTwilioSignature(check: TwilioSignatureCheck): boolean {
  return twilio.validateRequest(check.authToken, check.signature, check.url, check.params);
}
