/**
 * Local SMSC simulator (SMPP 3.4 server, loopback only) for the demo and integration tests.
 * Accepts binds, answers submit_sm, records every accepted message and sends delivery
 * receipts (deliver_sm) back, with configurable latency, failures, rejections and throttling.
 * Concatenated parts (esm_class UDHI) are recorded one per submit_sm with their parsed UDH;
 * `reassemble` groups them back into messages. A short_message that cannot fit one SMS is
 * refused with ESME_RINVMSGLEN, as a real SMSC does.
 */
import { randomBytes } from 'crypto';
import { createServer, PDU, Server, Session } from 'smpp';
import { CountWaiter } from './count-waiter';
import { formatReceiptText, MESSAGE_STATE, MESSAGE_STATE_ENROUTE, SmscReceiptStat } from './smsc-receipt';
import { gsm7Septets } from './sms-text';
import { concatFromInformationElements, SmscConcatUdh, udhOctets } from './sms-udh';
import { listenOn } from './listen';

export type { SmscConcatUdh } from './sms-udh';
export { reassemble, type ReassembledMessage } from './sms-udh';

export interface SmscSimulatorOptions {
  host?: string;
  /** 0 (default) picks a free ephemeral port. */
  port?: number;
  /** system_id → password. Undefined accepts any bind. */
  credentials?: Record<string, string>;
  /** Delay before every submit_sm_resp. */
  latencyMs?: number;
  /** Delay between submit_sm_resp and the delivery receipt. */
  receiptDelayMs?: number;
  /** Fraction (0..1) of accepted messages whose receipt says UNDELIV. */
  failureRate?: number;
  /** Source of randomness for failureRate, for deterministic tests. */
  random?: () => number;
  /** Destinations answered with ESME_RINVDSTADR (no receipt). */
  rejectDestinations?: (destination: string) => boolean;
  /** Called with the 1-based number of each submit_sm; true answers ESME_RTHROTTLED. */
  throttle?: (n: number) => boolean;
  /**
   * Messages whose receipt is lost on the carrier's side: the message still reaches its final state (query_sm
   * tells it) but no deliver_sm is ever sent for it.
   */
  loseReceipts?: (submission: SmscSubmission) => boolean;
  /**
   * The delivery receipt goes out before the submit_sm_resp (an SMSC that delivers at once and answers late): the
   * ESME sees a receipt for a message id it has not been told yet.
   */
  receiptBeforeResponse?: boolean;
  /**
   * With `receiptBeforeResponse`: each submit_sm_resp waits until the ESME has acknowledged the receipt (an ESME
   * that acknowledges once its receipt handler has run has then handled the receipt without the message id, every
   * time, however loaded the machine).
   */
  responseAfterReceiptAcknowledged?: boolean;
  /**
   * Count submissions and receipts instead of keeping them (a run of millions): `submissions` and `receipts` stay
   * empty, the waits count, query_sm knows no message.
   */
  countOnly?: boolean;
}

export interface SmscSubmission {
  systemId: string;
  sourceAddr: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  /** destination_addr as received (no '+': international numbers come with TON 1). */
  destination: string;
  destAddrTon: number;
  destAddrNpi: number;
  /** The decoded text of this PDU: for a concatenated part, the part's text without its UDH. */
  text: string;
  /** True when the text came in the message_payload TLV rather than short_message. */
  viaMessagePayload: boolean;
  dataCoding: number;
  esmClass: number;
  /** The concatenation header of a part (esm_class UDHI with a concatenation element), null otherwise. */
  udh: SmscConcatUdh | null;
  /** The User Data Header octets (UDHL first) when esm_class has UDHI, null otherwise. */
  udhBytes: Buffer | null;
  registeredDelivery: number;
  messageId: string;
  receivedAt: Date;
}

export interface SmscReceiptRecord {
  messageId: string;
  stat: SmscReceiptStat;
  systemId: string;
  sentAt: Date;
}

/** A query_sm the simulator answered. */
export interface SmscQueryRecord {
  messageId: string;
  systemId: string;
  /** message_state answered, or null when the query was refused (ESME_RQUERYFAIL). */
  messageState: number | null;
}

export interface SmscInboundMessage {
  from: string;
  to: string;
  text: string;
  /** Bound session to use; any receiver/transceiver when omitted. */
  systemId?: string;
}

export interface SmscSimulator {
  readonly host: string;
  readonly port: number;
  readonly submissions: SmscSubmission[];
  /** Receipts actually sent to an ESME (stored receipts appear once delivered). */
  readonly receipts: SmscReceiptRecord[];
  /** Every query_sm answered, in order. */
  readonly queries: SmscQueryRecord[];
  waitForSubmissions(n: number, timeoutMs: number): Promise<void>;
  waitForReceipts(n: number, timeoutMs: number): Promise<void>;
  /** submit_sm accepted and receipts sent so far (what the waits count). */
  counts(): { submissions: number; receipts: number };
  /** Number of currently bound SMPP sessions (of one system_id when given). */
  sessionsCount(systemId?: string): number;
  /** Sends a mobile-originated deliver_sm (esm_class 0); resolves on deliver_sm_resp ESME_ROK. */
  sendInbound(message: SmscInboundMessage): Promise<void>;
  /** Destroys every session and stops listening. */
  close(): Promise<void>;
}

/** command_status values used here (SMPP 3.4 §5.1.3). */
const STATUS = {
  ROK: 0x00,
  RINVMSGLEN: 0x01,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RALYBND: 0x05,
  RINVDSTADR: 0x0b,
  RBINDFAIL: 0x0d,
  RTHROTTLED: 0x58,
  RQUERYFAIL: 0x67,
} as const;

const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
const ESM_CLASS_UDHI = 0x40;
/** User data of one SMS on the air interface: 140 octets, i.e. 160 packed septets. */
const USER_DATA_OCTETS = 140;
const USER_DATA_SEPTETS = 160;
const INBOUND_RESPONSE_TIMEOUT_MS = 10_000;
const BIND_COMMANDS = {
  bind_transceiver: 'transceiver',
  bind_transmitter: 'transmitter',
  bind_receiver: 'receiver',
} as const;

type BindMode = (typeof BIND_COMMANDS)[keyof typeof BIND_COMMANDS];

interface PeerSession {
  link: Session;
  /** Receipts sent on this session and not yet answered with deliver_sm_resp. */
  unacknowledged?: Set<ReceiptToDeliver>;
  systemId: string | null;
  mode: BindMode | null;
}

interface ReceiptToDeliver {
  systemId: string;
  messageId: string;
  stat: SmscReceiptStat;
  fields: Record<string, unknown>;
}

function isBindCommand(command: string): command is keyof typeof BIND_COMMANDS {
  return command in BIND_COMMANDS;
}

function canReceive(mode: BindMode | null): boolean {
  return mode === 'transceiver' || mode === 'receiver';
}

function decodedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value)
    return decodedText((value as { message: unknown }).message);
  return '';
}

/** The UDH information elements node-smpp split off a short_message sent with esm_class UDHI. */
function udhElements(value: unknown): Buffer[] | null {
  if (!value || typeof value !== 'object' || !('udh' in value)) return null;
  const { udh } = value as { udh: unknown };
  return Array.isArray(udh) && udh.every((element) => Buffer.isBuffer(element)) ? (udh as Buffer[]) : null;
}

/**
 * Whether a short_message fits one SMS on the air interface, as an SMSC checks before accepting it:
 * GSM-7 (data_coding 0) counts septets, the UDH taking ceil(octets × 8 / 7) of them; UCS-2 (8) counts octets.
 * Other codings and message_payload are not checked.
 */
function fitsOneSms(dataCoding: number, text: string, udh: Buffer | null): boolean {
  const udhLength = udh?.length ?? 0;
  if (dataCoding === 0) {
    const septets = gsm7Septets(text) ?? [...text].length;
    return Math.ceil((udhLength * 8) / 7) + septets <= USER_DATA_SEPTETS;
  }
  if (dataCoding === 8) return udhLength + text.length * 2 <= USER_DATA_OCTETS;
  return true;
}

function numberField(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** E.164 '+84…' → TON 1 + digits; anything else → TON 0 as is. */
function addressFields(address: string): { ton: number; addr: string } {
  return address.startsWith('+') ? { ton: 1, addr: address.slice(1) } : { ton: 0, addr: address };
}

class SmscSimulatorServer implements SmscSimulator {
  readonly submissions: SmscSubmission[] = [];
  readonly receipts: SmscReceiptRecord[] = [];
  readonly queries: SmscQueryRecord[] = [];
  /** Where each accepted message stands, by message_id: what query_sm answers. */
  private readonly states = new Map<string, { submission: SmscSubmission; state: number; finalAt: Date | null }>();
  private readonly peers = new Set<PeerSession>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly storedReceipts: ReceiptToDeliver[] = [];
  private submitted = 0;
  private receiptsSent = 0;
  // Tests may empty the arrays between phases: what they hold is what is counted, unless nothing is kept.
  private readonly submissionWaiter = new CountWaiter(() => this.counts().submissions, 'SMSC submissions');
  private readonly receiptWaiter = new CountWaiter(() => this.counts().receipts, 'SMSC receipts');
  private readonly messageIdPrefix = randomBytes(4).toString('hex');
  private messageCounter = 0;
  private submitCounter = 0;
  private closed = false;
  readonly server: Server;

  constructor(
    readonly host: string,
    private readonly options: SmscSimulatorOptions,
  ) {
    this.server = createServer((link) => this.accept(link));
  }

  counts(): { submissions: number; receipts: number } {
    return {
      submissions: this.options.countOnly ? this.submitted : this.submissions.length,
      receipts: this.options.countOnly ? this.receiptsSent : this.receipts.length,
    };
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  listen(port: number): Promise<void> {
    return listenOn(this.server, port, this.host);
  }

  waitForSubmissions(n: number, timeoutMs: number): Promise<void> {
    return this.submissionWaiter.waitFor(n, timeoutMs);
  }

  waitForReceipts(n: number, timeoutMs: number): Promise<void> {
    return this.receiptWaiter.waitFor(n, timeoutMs);
  }

  sessionsCount(systemId?: string): number {
    return [...this.peers].filter(
      (peer) => peer.mode !== null && (systemId === undefined || peer.systemId === systemId),
    ).length;
  }

  async sendInbound(message: SmscInboundMessage): Promise<void> {
    const peer = [...this.peers].find(
      (candidate) =>
        canReceive(candidate.mode) &&
        this.isOpen(candidate) &&
        (message.systemId === undefined || candidate.systemId === message.systemId),
    );
    if (!peer)
      throw new Error(`no bound receiver/transceiver session${message.systemId ? ` for ${message.systemId}` : ''}`);
    const from = addressFields(message.from);
    const to = addressFields(message.to);
    const septets = gsm7Septets(message.text);
    const fits = septets === null ? message.text.length <= 70 : septets <= 160;
    const pdu = new PDU('deliver_sm', {
      source_addr_ton: from.ton,
      source_addr_npi: 1,
      source_addr: from.addr,
      dest_addr_ton: to.ton,
      dest_addr_npi: 1,
      destination_addr: to.addr,
      esm_class: 0,
      data_coding: septets === null ? 8 : 0,
      ...(fits ? { short_message: message.text } : { short_message: '', message_payload: message.text }),
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no deliver_sm_resp for inbound message')),
        INBOUND_RESPONSE_TIMEOUT_MS,
      );
      const sent = peer.link.send(pdu, (response) => {
        clearTimeout(timer);
        if (response.command_status === STATUS.ROK) resolve();
        else
          reject(new Error(`ESME answered inbound deliver_sm with status 0x${response.command_status.toString(16)}`));
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new Error('session is not writable'));
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const peer of [...this.peers]) peer.link.destroy();
    this.peers.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(link: Session): void {
    if (this.closed) {
      link.destroy();
      return;
    }
    // As SMSCs and gateways do: each response goes out at once, not held back by Nagle's algorithm for the ESME's
    // acknowledgement (which would add up to 40 ms to a client that waits for its answers before sending more).
    link.socket.setNoDelay(true);
    const peer: PeerSession = { link, systemId: null, mode: null };
    this.peers.add(peer);
    link.on('error', () => link.destroy()); // resets, undecodable PDUs: drop the connection
    link.on('close', () => {
      this.peers.delete(peer);
      // Like a real SMSC: a receipt the ESME never acknowledged is kept and delivered again on the next bind.
      for (const receipt of peer.unacknowledged ?? []) this.storedReceipts.push(receipt);
      peer.unacknowledged?.clear();
    });
    link.on('pdu', (pdu: PDU) => this.dispatch(peer, pdu));
  }

  private dispatch(peer: PeerSession, pdu: PDU): void {
    if (pdu.isResponse()) return; // matched to our requests by node-smpp callbacks
    const { link } = peer;
    if (isBindCommand(pdu.command)) {
      this.handleBind(peer, pdu, BIND_COMMANDS[pdu.command]);
    } else if (pdu.command === 'submit_sm') {
      this.handleSubmit(peer, pdu);
    } else if (pdu.command === 'query_sm') {
      this.handleQuery(peer, pdu);
    } else if (pdu.command === 'enquire_link') {
      link.send(pdu.response());
    } else if (pdu.command === 'unbind') {
      peer.mode = null;
      link.send(pdu.response());
      link.close();
    } else if (pdu.command === 'unknown') {
      link.send(pdu.response()); // generic_nack ESME_RINVCMDID
    } else {
      link.send(pdu.response({ command_status: STATUS.RINVCMDID }));
    }
  }

  private handleBind(peer: PeerSession, pdu: PDU, mode: BindMode): void {
    if (peer.mode) {
      peer.link.send(pdu.response({ command_status: STATUS.RALYBND }));
      return;
    }
    const systemId = stringField(pdu.system_id);
    const credentials = this.options.credentials;
    const accepted =
      credentials === undefined ||
      (Object.prototype.hasOwnProperty.call(credentials, systemId) &&
        credentials[systemId] === stringField(pdu.password));
    if (!accepted) {
      peer.link.send(pdu.response({ command_status: STATUS.RBINDFAIL }));
      peer.link.close();
      return;
    }
    peer.systemId = systemId;
    peer.mode = mode;
    peer.link.send(pdu.response({ system_id: 'LOASMSC' }));
    if (canReceive(mode)) this.deliverStoredReceipts(systemId);
  }

  private handleSubmit(peer: PeerSession, pdu: PDU): void {
    if (peer.mode === null || peer.mode === 'receiver' || peer.systemId === null) {
      peer.link.send(pdu.response({ command_status: STATUS.RINVBNDSTS }));
      return;
    }
    const n = ++this.submitCounter;
    const destination = stringField(pdu.destination_addr);
    if (this.options.throttle?.(n)) {
      this.respondLater(peer, pdu, { command_status: STATUS.RTHROTTLED });
      return;
    }
    if (this.options.rejectDestinations?.(destination)) {
      this.respondLater(peer, pdu, { command_status: STATUS.RINVDSTADR });
      return;
    }
    const esmClass = numberField(pdu.esm_class);
    const dataCoding = numberField(pdu.data_coding);
    const viaMessagePayload = pdu.message_payload !== undefined;
    const text = decodedText(pdu.message_payload) || decodedText(pdu.short_message);
    const elements = esmClass & ESM_CLASS_UDHI ? udhElements(pdu.short_message) : null;
    const udhBytes = elements ? udhOctets(elements) : null;
    if (!viaMessagePayload && !fitsOneSms(dataCoding, text, udhBytes)) {
      this.respondLater(peer, pdu, { command_status: STATUS.RINVMSGLEN });
      return;
    }
    const submission: SmscSubmission = {
      systemId: peer.systemId,
      sourceAddr: stringField(pdu.source_addr),
      sourceAddrTon: numberField(pdu.source_addr_ton),
      sourceAddrNpi: numberField(pdu.source_addr_npi),
      destination,
      destAddrTon: numberField(pdu.dest_addr_ton),
      destAddrNpi: numberField(pdu.dest_addr_npi),
      text,
      viaMessagePayload,
      dataCoding,
      esmClass,
      udh: elements ? concatFromInformationElements(elements) : null,
      udhBytes,
      registeredDelivery: numberField(pdu.registered_delivery),
      messageId: this.nextMessageId(),
      receivedAt: new Date(),
    };
    this.submitted++;
    if (!this.options.countOnly) {
      this.submissions.push(submission);
      this.states.set(submission.messageId, { submission, state: MESSAGE_STATE_ENROUTE, finalAt: null });
    }
    this.submissionWaiter.notify();
    if (this.options.receiptBeforeResponse) {
      const respond = () => this.respondLater(peer, pdu, { message_id: submission.messageId });
      if (this.options.responseAfterReceiptAcknowledged) {
        this.scheduleReceipt(peer, pdu, submission, 0, respond);
        return;
      }
      this.scheduleReceipt(peer, pdu, submission, 0);
      respond();
      return;
    }
    this.respondLater(peer, pdu, { message_id: submission.messageId }, () =>
      this.scheduleReceipt(peer, pdu, submission),
    );
  }

  /** query_sm (SMPP 3.4 §4.8): the state of a message this system_id submitted with this source_addr. */
  private handleQuery(peer: PeerSession, pdu: PDU): void {
    if (peer.mode === null || peer.mode === 'receiver' || peer.systemId === null) {
      peer.link.send(pdu.response({ command_status: STATUS.RINVBNDSTS }));
      return;
    }
    const messageId = stringField(pdu.message_id);
    const entry = this.states.get(messageId);
    const known =
      entry !== undefined &&
      entry.submission.systemId === peer.systemId &&
      entry.submission.sourceAddr === stringField(pdu.source_addr);
    this.queries.push({ messageId, systemId: peer.systemId, messageState: known ? entry.state : null });
    if (!known) {
      this.respondLater(peer, pdu, { command_status: STATUS.RQUERYFAIL, message_id: messageId });
      return;
    }
    this.respondLater(peer, pdu, {
      message_id: messageId,
      final_date: entry.finalAt ?? '',
      message_state: entry.state,
      error_code: entry.state === MESSAGE_STATE.UNDELIV ? 1 : 0,
    });
  }

  private respondLater(peer: PeerSession, pdu: PDU, fields: Record<string, unknown>, afterSend?: () => void): void {
    this.later(this.options.latencyMs ?? 0, () => {
      peer.link.send(pdu.response(fields));
      afterSend?.();
    });
  }

  /**
   * registered_delivery bits 1..0: 1 = receipt on success or failure, 2 = on failure only,
   * 3 = on success only (SMPP 5.0).
   */
  private scheduleReceipt(
    origin: PeerSession,
    pdu: PDU,
    submission: SmscSubmission,
    delayMs = this.options.receiptDelayMs ?? 50,
    /** Runs once the receipt is acknowledged, or at once when none is sent now. */
    afterReceipt: () => void = () => undefined,
  ): void {
    const requested = submission.registeredDelivery & 0x03;
    const failureRate = this.options.failureRate ?? 0;
    const stat: SmscReceiptStat = (this.options.random ?? Math.random)() < failureRate ? 'UNDELIV' : 'DELIVRD';
    this.later(delayMs, () => {
      const entry = this.states.get(submission.messageId);
      if (entry) Object.assign(entry, { state: MESSAGE_STATE[stat], finalAt: new Date() });
      if (requested === 0 || (requested === 2 && stat === 'DELIVRD') || (requested === 3 && stat === 'UNDELIV')) {
        return afterReceipt();
      }
      if (this.options.loseReceipts?.(submission)) return afterReceipt();
      const receipt: ReceiptToDeliver = {
        systemId: submission.systemId,
        messageId: submission.messageId,
        stat,
        fields: {
          source_addr_ton: numberField(pdu.dest_addr_ton),
          source_addr_npi: numberField(pdu.dest_addr_npi),
          source_addr: submission.destination,
          dest_addr_ton: submission.sourceAddrTon,
          dest_addr_npi: numberField(pdu.source_addr_npi),
          destination_addr: submission.sourceAddr,
          esm_class: ESM_CLASS_DELIVERY_RECEIPT,
          data_coding: 0,
          short_message: formatReceiptText({
            messageId: submission.messageId,
            stat,
            submittedAt: submission.receivedAt,
            doneAt: new Date(),
            text: submission.text,
          }),
          receipted_message_id: submission.messageId,
          message_state: MESSAGE_STATE[stat],
        },
      };
      const target = canReceive(origin.mode) && this.isOpen(origin) ? origin : this.receiverFor(submission.systemId);
      if (target) this.sendReceipt(target, receipt, afterReceipt);
      else {
        this.storedReceipts.push(receipt); // delivered when a receiver binds with this system_id
        afterReceipt();
      }
    });
  }

  private receiverFor(systemId: string): PeerSession | undefined {
    return [...this.peers].find((peer) => peer.systemId === systemId && canReceive(peer.mode) && this.isOpen(peer));
  }

  private deliverStoredReceipts(systemId: string): void {
    for (const receipt of this.storedReceipts.filter((stored) => stored.systemId === systemId)) {
      const target = this.receiverFor(systemId);
      if (!target) return;
      this.storedReceipts.splice(this.storedReceipts.indexOf(receipt), 1);
      this.sendReceipt(target, receipt);
    }
  }

  private sendReceipt(
    target: PeerSession,
    receipt: ReceiptToDeliver,
    acknowledged: () => void = () => undefined,
  ): void {
    const pending = (target.unacknowledged ??= new Set());
    pending.add(receipt);
    const sent = target.link.send(new PDU('deliver_sm', receipt.fields), (response: PDU) => {
      pending.delete(receipt);
      if (response.command_status !== 0) this.storedReceipts.push(receipt); // refused: try again on a later bind
      acknowledged();
    });
    if (!sent) {
      pending.delete(receipt);
      this.storedReceipts.push(receipt);
      acknowledged();
      return;
    }
    this.receiptsSent++;
    if (!this.options.countOnly) {
      this.receipts.push({
        messageId: receipt.messageId,
        stat: receipt.stat,
        systemId: receipt.systemId,
        sentAt: new Date(),
      });
    }
    this.receiptWaiter.notify();
  }

  private isOpen(peer: PeerSession): boolean {
    return this.peers.has(peer) && peer.link.socket.writable;
  }

  private nextMessageId(): string {
    this.messageCounter += 1;
    return this.messageIdPrefix + this.messageCounter.toString(16).padStart(8, '0');
  }

  private later(delayMs: number, action: () => void): void {
    if (delayMs <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) action();
    }, delayMs);
    this.timers.add(timer);
  }
}

export async function startSmscSimulator(options: SmscSimulatorOptions = {}): Promise<SmscSimulator> {
  const simulator = new SmscSimulatorServer(options.host ?? '127.0.0.1', options);
  await simulator.listen(options.port ?? 0);
  return simulator;
}
