/**
 * Local SMTP capture server (loopback only) for the demo and integration tests.
 * Accepts every message without TLS (STARTTLS disabled; AUTH optional, any credentials),
 * parses it with mailparser and keeps it in memory. Optionally serves the captured
 * messages as JSON over HTTP (GET /messages, DELETE /messages) for a person watching a demo.
 */
import { createServer, IncomingMessage, Server as HttpServer, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { AddressObject, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { CountWaiter } from './count-waiter';
import { listenOn } from './listen';

export interface SmtpCaptureOptions {
  host?: string;
  /** 0 (default) picks a free ephemeral port. */
  port?: number;
  /** When given (0 = ephemeral), also serve GET /messages as JSON. */
  httpPort?: number;
  /** Recipients the server refuses for good at RCPT TO (550), as a mailbox that does not exist. */
  refuseRecipients?: RegExp;
  /**
   * How long the server takes to accept a message once it has it all (a slow relay), in ms; read at each message,
   * so a test may change it while the server runs. A client gone before the answer loses the message, as it would
   * with a real server (nothing was accepted).
   */
  acceptDelayMs?: number;
}

export interface CapturedAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface CapturedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  subject: string | null;
  /** Formatted From header, e.g. `"Loa" <noreply@loa.test>`. */
  from: string | null;
  /** Formatted To header(s), comma separated. */
  to: string | null;
  text: string | null;
  html: string | null;
  attachments: CapturedAttachment[];
  messageId: string | null;
  /** Lower-case header names; address headers formatted, dates ISO 8601. */
  headers: Record<string, string>;
  raw: string;
  receivedAt: Date;
}

export interface SmtpCapture {
  readonly port: number;
  readonly httpPort?: number;
  readonly messages: CapturedMail[];
  waitFor(n: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const CLOSE_GRACE_MS = 1_000;

function addressText(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  return (Array.isArray(value) ? value : [value]).map((address) => address.text).join(', ');
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  if (value && typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // address header
    if ('value' in value && typeof value.value === 'string') return value.value; // structured header
    return JSON.stringify(value); // List-* headers
  }
  return String(value);
}

async function parseMail(raw: Buffer, session: SMTPServerSession): Promise<CapturedMail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const [name, value] of parsed.headers) headers[name] = headerText(value);
  const mailFrom = session.envelope.mailFrom;
  return {
    envelopeFrom: mailFrom ? mailFrom.address : null,
    envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
    subject: parsed.subject ?? null,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    text: parsed.text ?? null,
    html: parsed.html || null,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
      content: attachment.content,
    })),
    messageId: parsed.messageId ?? null,
    headers,
    raw: raw.toString('utf8'),
    receivedAt: new Date(),
  };
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** JSON view for the HTTP endpoint: no raw source, attachments as metadata only. */
function summarize(mail: CapturedMail): Record<string, unknown> {
  const { raw: _raw, attachments, ...rest } = mail;
  return {
    ...rest,
    attachments: attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
}

function serveMessages(messages: CapturedMail[]) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/messages' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(messages.map(summarize), null, 2));
    } else if (path === '/messages' && request.method === 'DELETE') {
      messages.length = 0;
      response.writeHead(204).end();
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  };
}

export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const host = options.host ?? '127.0.0.1';
  const messages: CapturedMail[] = [];
  const waiter = new CountWaiter(() => messages.length, 'captured mails');
  /** Sessions whose client has gone (a message still being accepted for one of them is lost). */
  const left = new Set<string>();

  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: CLOSE_GRACE_MS,
    onClose: (session) => {
      left.add(session.id);
    },
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    onRcptTo: (address, _session, callback) => {
      if (!options.refuseRecipients?.test(address.address)) return callback();
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
    },
    onData: (stream, session, callback) => {
      readStream(stream)
        .then(async (raw) => {
          const delay = options.acceptDelayMs ?? 0;
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          return parseMail(raw, session);
        })
        .then((mail) => {
          if (left.has(session.id)) return callback(new Error('the client left before the message was accepted'));
          messages.push(mail);
          waiter.notify();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  smtp.on('error', () => undefined); // client resets must not crash the test process
  await listenOn(smtp.server, options.port ?? 0, host);

  let http: HttpServer | undefined;
  if (options.httpPort !== undefined) {
    http = createServer(serveMessages(messages));
    await listenOn(http, options.httpPort, host);
  }

  return {
    port: (smtp.server.address() as AddressInfo).port,
    httpPort: http ? (http.address() as AddressInfo).port : undefined,
    messages,
    waitFor: (n, timeoutMs) => waiter.waitFor(n, timeoutMs),
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) {
        const server = http;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
