/**
 * Local stand-in for the Twilio Programmable Messaging REST API (loopback only):
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json          (create)
 *   GET  /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json    (fetch)
 * with HTTP Basic auth, Twilio-shaped JSON errors, and signed status callbacks
 * (X-Twilio-Signature computed by the official SDK) posted to StatusCallback.
 */
import { randomBytes } from 'crypto';
import { createServer, IncomingMessage, request as httpRequest, ServerResponse } from 'http';
import { request as httpsRequest } from 'https';
import { AddressInfo } from 'net';
import twilio from 'twilio';
import { CountWaiter } from './count-waiter';
import { countSmsSegments } from './sms-text';
import { listenOn } from './listen';

export interface TwilioStandinOptions {
  host?: string;
  /** 0 (default) picks a free ephemeral port. */
  port?: number;
  /** Account SID → auth token accepted for HTTP Basic auth and used to sign callbacks. */
  accounts: Record<string, string>;
  /** Statuses posted to StatusCallback, in order. Default ['sent', 'delivered']. */
  statusSequence?: string[];
  /** Delay before each status callback. */
  callbackDelayMs?: number;
  /** Destinations whose message ends 'undelivered' with ErrorCode 30003. */
  failDestinations?: (to: string) => boolean;
  /**
   * Messages whose status callbacks are lost (Twilio tries a callback once and does not retry by default): the
   * status still moves on and a fetch of the message shows it.
   */
  loseCallbacks?: (message: TwilioStandinMessage) => boolean;
}

export interface TwilioStandinMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  status: string;
  errorCode: number | null;
  numSegments: number;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface TwilioCallbackRecord {
  url: string;
  params: Record<string, string>;
  signature: string;
  /** Null when the callback could not be delivered (see error). */
  httpStatus: number | null;
  error?: string;
}

export interface TwilioStandin {
  readonly port: number;
  /** e.g. http://127.0.0.1:4010 — pass as apiBaseUrl to createTwilioClient. */
  readonly baseUrl: string;
  readonly messages: TwilioStandinMessage[];
  readonly callbacks: TwilioCallbackRecord[];
  waitForMessages(n: number, timeoutMs: number): Promise<void>;
  waitForCallbacks(n: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

const API_VERSION = '2010-04-01';
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY_CHARS = 1600;
const MAX_REQUEST_BYTES = 1024 * 1024;
const TERMINAL_STATUSES = new Set(['delivered', 'undelivered', 'failed', 'read', 'canceled']);
const UNDELIVERED_ERROR_CODE = 30003; // Unreachable destination handset
const CREATE_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const FETCH_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/;

class TwilioApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Twilio's classic error body: {code, message, more_info, status}. */
function sendError(response: ServerResponse, error: TwilioApiError): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (error.httpStatus === 401) headers['www-authenticate'] = 'Basic realm="Twilio API"';
  response.writeHead(error.httpStatus, headers);
  response.end(
    JSON.stringify({
      code: error.code,
      message: error.message,
      more_info: `https://www.twilio.com/docs/errors/${error.code}`,
      status: error.httpStatus,
    }),
  );
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** RFC 2822 date as Twilio writes it: "Thu, 30 Jul 2015 20:12:31 +0000". */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function messageResource(message: TwilioStandinMessage): Record<string, unknown> {
  const uri = `/${API_VERSION}/Accounts/${message.accountSid}/Messages/${message.sid}.json`;
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: null,
    date_updated: rfc2822(message.dateUpdated),
    direction: 'outbound-api',
    error_code: message.errorCode,
    error_message: null,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: '0',
    num_segments: String(message.numSegments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    to: message.to,
    uri,
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

class TwilioStandinServer implements TwilioStandin {
  readonly messages: TwilioStandinMessage[] = [];
  readonly callbacks: TwilioCallbackRecord[] = [];
  readonly server = createServer((request, response) => void this.route(request, response));
  private readonly messageWaiter = new CountWaiter(() => this.messages.length, 'Twilio messages');
  private readonly callbackWaiter = new CountWaiter(() => this.callbacks.length, 'Twilio status callbacks');
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly outgoing = new Set<{ destroy(): void }>();
  private closed = false;

  constructor(
    readonly host: string,
    private readonly options: TwilioStandinOptions,
  ) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://${this.host}:${this.port}`;
  }

  listen(port: number): Promise<void> {
    return listenOn(this.server, port, this.host);
  }

  waitForMessages(n: number, timeoutMs: number): Promise<void> {
    return this.messageWaiter.waitFor(n, timeoutMs);
  }

  waitForCallbacks(n: number, timeoutMs: number): Promise<void> {
    return this.callbackWaiter.waitFor(n, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const pending of this.outgoing) pending.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const create = CREATE_PATH.exec(path);
      const fetch = FETCH_PATH.exec(path);
      if (create && request.method === 'POST') {
        const accountSid = this.authenticate(request, decodeURIComponent(create[1]));
        const message = this.createMessage(accountSid, new URLSearchParams(await readBody(request)));
        sendJson(response, 201, messageResource(message));
        this.runStatusCallbacks(message);
      } else if (fetch && request.method === 'GET') {
        const accountSid = this.authenticate(request, decodeURIComponent(fetch[1]));
        const message = this.messages.find(
          (candidate) => candidate.sid === fetch[2] && candidate.accountSid === accountSid,
        );
        if (!message) throw new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
        sendJson(response, 200, messageResource(message));
      } else {
        throw new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
      }
    } catch (error) {
      if (error instanceof TwilioApiError) sendError(response, error);
      else sendError(response, new TwilioApiError(500, 20500, 'Internal Server Error'));
    }
  }

  /** HTTP Basic with AccountSid:AuthToken, for the account named in the path. */
  private authenticate(request: IncomingMessage, pathAccountSid: string): string {
    const header = request.headers.authorization ?? '';
    const [scheme, encoded] = header.split(' ');
    const decoded = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    const username = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    const token = Object.prototype.hasOwnProperty.call(this.options.accounts, username)
      ? this.options.accounts[username]
      : undefined;
    if (separator < 0 || token === undefined || token !== password || username !== pathAccountSid) {
      throw new TwilioApiError(401, 20003, 'Authenticate');
    }
    return username;
  }

  private createMessage(accountSid: string, form: URLSearchParams): TwilioStandinMessage {
    const to = form.get('To');
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    const body = form.get('Body');
    if (!to) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) throw new TwilioApiError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from && !messagingServiceSid) throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
    if (!body) throw new TwilioApiError(400, 21602, 'Message body is required.');
    if (body.length > MAX_BODY_CHARS) {
      throw new TwilioApiError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    }
    const now = new Date();
    const message: TwilioStandinMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      to,
      from: from || null,
      messagingServiceSid: messagingServiceSid || null,
      body,
      statusCallback: form.get('StatusCallback') || null,
      status: from ? 'queued' : 'accepted',
      errorCode: null,
      numSegments: countSmsSegments(body),
      dateCreated: now,
      dateUpdated: now,
    };
    this.messages.push(message);
    this.messageWaiter.notify();
    return message;
  }

  private statusesFor(message: TwilioStandinMessage): string[] {
    const sequence = this.options.statusSequence ?? ['sent', 'delivered'];
    if (!this.options.failDestinations?.(message.to)) return sequence;
    return [...sequence.filter((status) => !TERMINAL_STATUSES.has(status)), 'undelivered'];
  }

  private runStatusCallbacks(message: TwilioStandinMessage): void {
    const url = message.statusCallback;
    const statuses = this.statusesFor(message);
    const step = async (index: number): Promise<void> => {
      if (this.closed) return;
      const status = statuses[index];
      message.status = status;
      message.dateUpdated = new Date();
      if (status === 'undelivered' || status === 'failed') message.errorCode = UNDELIVERED_ERROR_CODE;
      if (url && !this.options.loseCallbacks?.(message)) await this.postCallback(url, message);
      if (index + 1 < statuses.length) this.after(this.options.callbackDelayMs ?? 30, () => void step(index + 1));
    };
    if (statuses.length > 0) this.after(this.options.callbackDelayMs ?? 30, () => void step(0));
  }

  private async postCallback(url: string, message: TwilioStandinMessage): Promise<void> {
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: API_VERSION,
      MessageSid: message.sid,
      MessageStatus: message.status,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.to,
      ...(message.from ? { From: message.from } : {}),
      ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
      ...(message.errorCode !== null ? { ErrorCode: String(message.errorCode) } : {}),
    };
    const signature = twilio.getExpectedTwilioSignature(this.options.accounts[message.accountSid], url, params);
    const record: TwilioCallbackRecord = { url, params, signature, httpStatus: null };
    try {
      record.httpStatus = await this.post(url, new URLSearchParams(params).toString(), signature);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    if (this.closed) return;
    this.callbacks.push(record);
    this.callbackWaiter.notify();
  }

  private post(url: string, body: string, signature: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'TwilioProxy/1.1',
          'x-twilio-signature': signature,
        },
        timeout: 15_000,
      });
      this.outgoing.add(request);
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => {
          this.outgoing.delete(request);
          resolve(response.statusCode ?? 0);
        });
      });
      request.on('timeout', () => request.destroy(new Error('status callback timed out')));
      request.on('error', (error) => {
        this.outgoing.delete(request);
        reject(error);
      });
      request.end(body);
    });
  }

  private after(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) action();
    }, delayMs);
    this.timers.add(timer);
  }
}

export async function startTwilioStandin(options: TwilioStandinOptions): Promise<TwilioStandin> {
  const standin = new TwilioStandinServer(options.host ?? '127.0.0.1', options);
  await standin.listen(options.port ?? 0);
  return standin;
}
