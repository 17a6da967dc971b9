/**
 * Kannel (https://www.kannel.org, Debian package `kannel`, 1.4.5 on bookworm) as the `smsVsKannel` baseline: a
 * private bearerbox + smsbox pair with one SMPP link into the in-repo SMSC simulator, fed through smsbox's sendsms
 * HTTP interface the way operators push bulk through Kannel.
 *
 * The settings aim at a fast Kannel that does the same work as our path on the SMPP side (see `kannelConfig`):
 * same window, same encoding (UCS-2 for Vietnamese with diacritics), delivery receipts requested and matched, no
 * throttling, no message store, logging down to errors only.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, IncomingMessage, Server, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gsm7Septets } from '../../tools/peers/sms-text';
import { freePort } from '../../tools/run/free-port';

export interface KannelOptions {
  smscHost: string;
  smscPort: number;
  systemId: string;
  password: string;
  /** SMPP window (max-pending-submits), same as the subject's */
  window: number;
  /**
   * Ask for delivery receipts (dlr-mask 3 → registered_delivery 1, as our path does) and have smsbox hand each one
   * to a no-op HTTP endpoint of this process. Defaults to true; false sends dlr-mask 0 (no receipts at all).
   */
  deliveryReports?: boolean;
  /** How long to wait for bearerbox, the SMPP bind and smsbox. Defaults to 30 s. */
  startTimeoutMs?: number;
}

export interface KannelGateway {
  /** e.g. "1.4.5", as bearerbox reports it */
  readonly version: string;
  /** Milliseconds from spawning bearerbox until the SMPP link was online and smsbox answered. */
  readonly startupMs: number;
  /** Delivery reports smsbox has handed to this process's dlr-url so far (0 when deliveryReports is false). */
  readonly reports: number;
  /**
   * Pushes the messages through Kannel's sendsms HTTP interface and resolves when Kannel has accepted all of them
   * (HTTP 202 "Sent."). Consecutive messages with the same text go as one request to up to 100 recipients (`to`
   * space-separated), a few requests in parallel over keep-alive connections.
   */
  push(messages: Array<{ to: string; text: string }>, sender: string): Promise<void>;
  /** Resolves once `n` delivery reports in all have reached the dlr-url. */
  waitForReports(n: number, timeoutMs: number): Promise<void>;
  /** Stops smsbox and bearerbox, removes the temporary folder. */
  close(): Promise<void>;
}

const BINARY_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
/**
 * Recipients per sendsms request. smsbox takes several receivers in `to`, separated by spaces, and queues one
 * message per receiver: this is how bulk is pushed through Kannel, rather than one HTTP request per message.
 * smsbox dedups the receivers of one request, so a request never carries the same number twice (see `chunks`).
 */
const RECIPIENTS_PER_REQUEST = 100;
/** sendsms requests in flight at once, each on its own keep-alive connection. */
const PARALLEL_REQUESTS = 4;
/** Characters smsbox accepts in `to` by default (sendsms-chars), the separator included. */
const SENDSMS_NUMBER_CHARS = /^[0-9+-]+$/;
const SMSC_ID = 'loa-sim';
const SENDSMS_USER = 'loa-bench';
const STATUS_POLL_MS = 100;
const STOP_GRACE_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 20;
const STDERR_TAIL_CHARS = 4_000;
/** Kannel log levels: 0 debug, 1 info, 2 warning, 3 error, 4 panic. */
const LOG_LEVEL_ERROR = 3;
const VERBOSITY_PANIC = 4;

interface KannelBinaries {
  bearerbox: string;
  smsbox: string;
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findBinaries(): Promise<KannelBinaries | null> {
  for (const dir of BINARY_DIRS) {
    const bearerbox = join(dir, 'bearerbox');
    const smsbox = join(dir, 'smsbox');
    if ((await executable(bearerbox)) && (await executable(smsbox))) return { bearerbox, smsbox };
  }
  return null;
}

/** `bearerbox --version` prints "Kannel bearerbox version `1.4.5'." first. */
function kannelVersion(bearerbox: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bearerbox, ['--version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      const match = /version `([^']+)'/.exec(`${stdout}\n${stderr}`);
      if (match) resolve(match[1]);
      else reject(new Error(`${bearerbox} --version: ${error?.message ?? 'no version in its output'}`));
    });
  });
}

/** null when Kannel can be run here, else a one-line reason. */
export async function kannelUnavailable(): Promise<string | null> {
  if (process.platform !== 'linux')
    return `Kannel runs on Linux only (this is ${process.platform}); smsVsKannel skipped`;
  const binaries = await findBinaries();
  if (!binaries) {
    return (
      `Kannel is not installed (Debian package kannel: no bearerbox and smsbox in ${BINARY_DIRS.join(', ')}); ` +
      'smsVsKannel skipped'
    );
  }
  try {
    await kannelVersion(binaries.bearerbox);
  } catch (error) {
    return `Kannel does not run here (${(error as Error).message.split('\n')[0]}); smsVsKannel skipped`;
  }
  return null;
}

/** A value of Kannel's configuration syntax: a quoted string (no quotes or backslashes expected). */
function quoted(value: string): string {
  if (/["\\\n]/.test(value)) throw new Error(`Kannel configuration value ${JSON.stringify(value)} cannot be quoted`);
  return `"${value}"`;
}

interface KannelConfigValues {
  options: KannelOptions;
  dir: string;
  adminPort: number;
  adminPassword: string;
  smsboxPort: number;
  sendsmsPort: number;
  sendsmsPassword: string;
}

/**
 * One configuration file read by both boxes (smsbox reads the core group for the bearerbox's smsbox-port, as in
 * the Debian layout). Every listener is on loopback and every port is private to this instance.
 */
function kannelConfig(values: KannelConfigValues): string {
  const { options, dir } = values;
  const lines = [
    'group = core',
    `admin-port = ${values.adminPort}`,
    'admin-interface = "127.0.0.1"',
    `admin-password = ${quoted(values.adminPassword)}`,
    `status-password = ${quoted(values.adminPassword)}`,
    'admin-deny-ip = "*.*.*.*"',
    'admin-allow-ip = "127.0.0.1"',
    `smsbox-port = ${values.smsboxPort}`,
    'smsbox-interface = "127.0.0.1"',
    'box-deny-ip = "*.*.*.*"',
    'box-allow-ip = "127.0.0.1"',
    // Errors only: Kannel logs an info line per sendsms request, per submit and per report otherwise.
    `log-file = ${quoted(join(dir, 'bearerbox.log'))}`,
    `log-level = ${LOG_LEVEL_ERROR}`,
    // Pending delivery reports kept in bearerbox's memory: the cheapest storage Kannel has (no database).
    'dlr-storage = internal',
    // A temporarily failed submit is not retried: every message must reach the simulator at the first attempt,
    // a lost one shows as a missing submission rather than as a silent resend.
    'sms-resend-retry = 0',
    // No store-file / store-location: bearerbox keeps no message store (store-type unset). A spool would add a
    // file write per message; our path persists every row in Postgres, so this favours Kannel: the safe direction
    // for a baseline.
    '',
    'group = smsc',
    'smsc = smpp',
    `smsc-id = ${SMSC_ID}`,
    `host = ${quoted(options.smscHost)}`,
    `port = ${options.smscPort}`,
    // One bind that both submits and receives the receipts, as our SmppProvider does.
    'transceiver-mode = true',
    `smsc-username = ${quoted(options.systemId)}`,
    `smsc-password = ${quoted(options.password)}`,
    'system-type = ""',
    `max-pending-submits = ${options.window}`,
    // esm_class 0 (SMSC default mode) as our path sends, rather than Kannel's default 3 (store and forward).
    'esm-class = 0',
    // throughput unset: no throttling on Kannel's side.
    'enquire-link-interval = 30',
    'reconnect-delay = 1',
    // Wait for every submit_sm_resp (never requeue, which could send a message twice; the benchmark times out instead).
    'wait-ack = 60',
    'wait-ack-expire = 2',
    // msg-id-type unset on purpose: the ids are then kept as the C strings SMPP 3.4 says they are, and the receipt's
    // receipted_message_id matches the submit_sm_resp's as is. The simulator's ids are 16 hex digits (a random
    // 8-digit prefix and a counter, see nextMessageId): msg-id-type 0x01/0x03 would have Kannel convert them with
    // strtoll(id, 16), which saturates at 0x7fffffffffffffff whenever the prefix starts with 8…f, giving half
    // the runs one id for every message and unmatched receipts.
    '',
    'group = smsbox',
    'bearerbox-host = "127.0.0.1"',
    `sendsms-port = ${values.sendsmsPort}`,
    'sendsms-interface = "127.0.0.1"',
    `log-file = ${quoted(join(dir, 'smsbox.log'))}`,
    `log-level = ${LOG_LEVEL_ERROR}`,
    '',
    'group = sendsms-user',
    `username = ${quoted(SENDSMS_USER)}`,
    `password = ${quoted(values.sendsmsPassword)}`,
    'user-allow-ip = "127.0.0.1"',
    // Long texts go concatenated as our path sends them (the benchmark's text fits one part anyway).
    'concatenation = true',
    'max-messages = 10',
    '',
  ];
  return lines.join('\n');
}

interface HttpAnswer {
  status: number;
  body: string;
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    response.on('data', (part: Buffer) => parts.push(part));
    response.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    response.on('error', reject);
  });
}

function httpGet(port: number, path: string, timeoutMs: number, agent?: Agent): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: agent ?? false }, (response) => {
      readBody(response).then((body) => resolve({ status: response.statusCode ?? 0, body }), reject);
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`GET ${path.split('?')[0]} timed out after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last lines of a log file, or a note when it cannot be read. */
async function logTail(path: string): Promise<string> {
  try {
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    return lines.slice(-LOG_TAIL_LINES).join('\n') || '(empty)';
  } catch {
    return '(no log file)';
  }
}

interface Box {
  name: string;
  child: ChildProcess;
  /** The end of what the box wrote to stderr (panics: the console verbosity is 4). */
  stderr: string;
  exited: Promise<void>;
  exitCode: number | string | null;
}

function spawnBox(name: string, binary: string, configFile: string): Box {
  // -v 4: only panics on the console; the log file gets errors (log-level 3).
  const child = spawn(binary, ['-v', String(VERBOSITY_PANIC), configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const box: Box = { name, child, stderr: '', exited: Promise.resolve(), exitCode: null };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    box.stderr = (box.stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  box.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      box.exitCode = code ?? signal;
      resolve();
    });
    child.once('error', (error) => {
      box.stderr += `\n${error.message}`;
      box.exitCode = 'spawn error';
      resolve();
    });
  });
  return box;
}

async function stopBox(box: Box): Promise<void> {
  if (box.exitCode !== null) return;
  box.child.kill('SIGTERM');
  const stopped = await Promise.race([box.exited.then(() => true), delay(STOP_GRACE_MS).then(() => false)]);
  if (!stopped) {
    box.child.kill('SIGKILL');
    await box.exited;
  }
}

/** Messages grouped into sendsms requests: same text, distinct receivers, at most RECIPIENTS_PER_REQUEST. */
function chunks(messages: Array<{ to: string; text: string }>): Array<{ text: string; to: string[] }> {
  const out: Array<{ text: string; to: string[] }> = [];
  let current: { text: string; to: string[]; seen: Set<string> } | null = null;
  for (const { to, text } of messages) {
    if (!SENDSMS_NUMBER_CHARS.test(to))
      throw new Error(`Kannel's sendsms does not take the number ${JSON.stringify(to)}`);
    if (!current || current.text !== text || current.seen.has(to) || current.to.length >= RECIPIENTS_PER_REQUEST) {
      current = { text, to: [], seen: new Set() };
      out.push(current);
    }
    current.to.push(to);
    current.seen.add(to);
  }
  return out.map(({ text, to }) => ({ text, to }));
}

class KannelInstance implements KannelGateway {
  startupMs = 0;
  reports = 0;
  private readonly boxes: Box[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: PARALLEL_REQUESTS });
  private readonly reportWaiters = new Set<() => void>();
  private dlrServer: Server | null = null;
  private dlrUrl = '';
  private closed = false;
  private readonly adminPassword = randomBytes(12).toString('hex');
  private readonly sendsmsPassword = randomBytes(12).toString('hex');
  private adminPort = 0;
  private sendsmsPort = 0;
  /** Should this process end without close(), the boxes must not outlive it. */
  private readonly killOnExit = (): void => {
    for (const box of this.boxes) if (box.exitCode === null) box.child.kill('SIGKILL');
  };

  constructor(
    readonly version: string,
    private readonly binaries: KannelBinaries,
    private readonly options: KannelOptions,
    private readonly dir: string,
  ) {}

  async start(): Promise<void> {
    process.once('exit', this.killOnExit);
    if (this.options.deliveryReports !== false) await this.startDlrServer();
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [adminPort, smsboxPort, sendsmsPort] = [...ports];
    this.adminPort = adminPort;
    this.sendsmsPort = sendsmsPort;
    const configFile = join(this.dir, 'kannel.conf');
    await writeFile(
      configFile,
      kannelConfig({
        options: this.options,
        dir: this.dir,
        adminPort,
        adminPassword: this.adminPassword,
        smsboxPort,
        sendsmsPort,
        sendsmsPassword: this.sendsmsPassword,
      }),
    );

    const started = Date.now();
    const deadline = started + (this.options.startTimeoutMs ?? 30_000);
    const bearerbox = spawnBox('bearerbox', this.binaries.bearerbox, configFile);
    this.boxes.push(bearerbox);
    // smsbox gives up when it cannot reach bearerbox: start it once bearerbox answers on its admin port.
    await this.waitUntil(deadline, 'bearerbox to answer on its admin port', async () => (await this.status()) !== null);
    const smsbox = spawnBox('smsbox', this.binaries.smsbox, configFile);
    this.boxes.push(smsbox);
    await this.waitUntil(deadline, `the SMPP link ${SMSC_ID} to be online and smsbox connected`, async () => {
      const status = await this.status();
      return status !== null && smscOnline(status) && smsboxConnected(status);
    });
    // smsbox answers sendsms once it is up: an unauthenticated request is refused (403) without sending anything.
    await this.waitUntil(deadline, 'smsbox to answer on its sendsms port', async () => {
      try {
        return (await httpGet(this.sendsmsPort, '/cgi-bin/sendsms', 2_000)).status > 0;
      } catch {
        return false;
      }
    });
    this.startupMs = Date.now() - started;
  }

  async push(messages: Array<{ to: string; text: string }>, sender: string): Promise<void> {
    if (this.closed) throw new Error('Kannel is closed');
    const requests = chunks(messages);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < requests.length) {
        const { text, to } = requests[next++];
        await this.sendsms(text, to, sender);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, requests.length) }, lane));
  }

  waitForReports(n: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.reports < n) return;
        this.reportWaiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.reportWaiters.delete(check);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${n} Kannel delivery reports (have ${this.reports})`),
        );
      }, timeoutMs);
      this.reportWaiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.agent.destroy();
    // smsbox first (it would otherwise try to reconnect to a departing bearerbox), then bearerbox, which unbinds.
    for (const box of [...this.boxes].reverse()) await stopBox(box);
    process.removeListener('exit', this.killOnExit);
    const server = this.dlrServer;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  /**
   * One sendsms request. smsbox queues one message per receiver to bearerbox and answers 202 "Sent." when
   * bearerbox acknowledges them (immediate-sendsms-reply is off, Kannel's default).
   */
  private async sendsms(text: string, to: string[], sender: string): Promise<void> {
    // As our path: NFC, GSM 03.38 when every character has a septet, UCS-2 otherwise. The text goes as UTF-8 and
    // smsbox converts it to UTF-16BE (coding 2) or to the GSM alphabet (coding 0) itself.
    const normalized = text.normalize('NFC');
    const query = new URLSearchParams({
      username: SENDSMS_USER,
      password: this.sendsmsPassword,
      from: sender,
      to: to.join(' '),
      text: normalized,
      charset: 'UTF-8',
      coding: gsm7Septets(normalized) === null ? '2' : '0',
      // dlr-mask 3 (delivered or failed) makes Kannel send registered_delivery 1, as our path does: the simulator
      // then sends a receipt for every message on the same link, which Kannel decodes, acknowledges, matches in its
      // DLR store and hands to smsbox, which GETs dlr-url. With dlr-mask 0 the link would carry half the PDUs
      // of the subject's and the comparison would flatter Kannel (measured on 2 cores with window 10: about
      // 6,000 msg/s without receipts against 2,000 to 3,500 with them).
      'dlr-mask': this.dlrUrl ? '3' : '0',
      ...(this.dlrUrl ? { 'dlr-url': this.dlrUrl } : {}),
    });
    const answer = await httpGet(
      this.sendsmsPort,
      `/cgi-bin/sendsms?${query.toString()}`,
      REQUEST_TIMEOUT_MS,
      this.agent,
    );
    if (answer.status !== 202 || /denied|failed/i.test(answer.body)) {
      throw new Error(`Kannel's sendsms answered ${answer.status} ${answer.body.trim()} for ${to.length} receiver(s)`);
    }
  }

  /** The admin status page (text), or null while bearerbox does not answer. */
  private async status(): Promise<string | null> {
    try {
      const answer = await httpGet(this.adminPort, `/status.txt?password=${this.adminPassword}`, 2_000);
      return answer.status === 200 ? answer.body : null;
    } catch {
      return null;
    }
  }

  private async waitUntil(deadline: number, what: string, ready: () => Promise<boolean>): Promise<void> {
    for (;;) {
      const dead = this.boxes.find((box) => box.exitCode !== null);
      if (dead) throw await this.failure(`${dead.name} exited (${String(dead.exitCode)}) while waiting for ${what}`);
      if (await ready()) return;
      if (Date.now() >= deadline) throw await this.failure(`timed out waiting for ${what}`);
      await delay(STATUS_POLL_MS);
    }
  }

  private async failure(message: string): Promise<Error> {
    const parts = [`Kannel: ${message}`];
    const status = await this.status();
    // The connections part of the status page (the rest is build information).
    const connections = status?.slice(status.indexOf('Box connections:')).trim();
    if (connections) parts.push(`bearerbox status:\n${connections}`);
    for (const box of this.boxes) {
      parts.push(`last lines of ${box.name}.log:\n${await logTail(join(this.dir, `${box.name}.log`))}`);
      if (box.stderr.trim()) parts.push(`${box.name} stderr:\n${box.stderr.trim()}`);
    }
    return new Error(parts.join('\n'));
  }

  /**
   * Where smsbox delivers each report (a GET to dlr-url): a no-op answer, counted. It is the cheapest application
   * endpoint possible, as our path's receipts go to a no-op callback in the benchmark.
   */
  private async startDlrServer(): Promise<void> {
    const server = createServer((req, res) => {
      req.resume();
      this.reports++;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '0' });
      res.end();
      for (const check of [...this.reportWaiters]) check();
    });
    this.dlrServer = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // %d: the report type (1 delivered, 2 failed, …), as an application would want it.
    this.dlrUrl = `http://127.0.0.1:${port}/dlr?type=%d`;
  }
}

/** "sim SMPP:host:port/port:user:type (online 3s, rcvd: …" on the status page once the bind succeeded. */
function smscOnline(status: string): boolean {
  return status.split('\n').some((line) => line.trim().startsWith(SMSC_ID) && /\(online \d+s/.test(line));
}

/** "smsbox:(none), IP 127.0.0.1 (0 queued), (on-line 0d 0h 0m 1s)" once smsbox is connected. */
function smsboxConnected(status: string): boolean {
  return /smsbox:.*on-line/.test(status);
}

export async function startKannel(options: KannelOptions): Promise<KannelGateway> {
  if (!Number.isInteger(options.window) || options.window < 1) throw new Error(`bad SMPP window ${options.window}`);
  const binaries = await findBinaries();
  if (!binaries) throw new Error((await kannelUnavailable()) ?? 'Kannel is not installed');
  const version = await kannelVersion(binaries.bearerbox);
  const dir = await mkdtemp(join(tmpdir(), 'loa-kannel-'));
  const kannel = new KannelInstance(version, binaries, options, dir);
  try {
    await kannel.start();
  } catch (error) {
    await kannel.close();
    throw error;
  }
  return kannel;
}
