/**
 * SMPP 3.4 ESME client used by the worker: one bind_transceiver session to an SMSC,
 * with keep-alive (enquire_link), automatic re-connect/re-bind with exponential
 * backoff, submit_sm with GSM/UCS-2 coding (long texts as concatenated parts with a
 * UDH, or in message_payload), and delivery receipt / inbound callbacks.
 */
import { coalesceWritesPerTurn } from './coalesce-writes';
import { randomInt } from 'crypto';
import { connect as connectSmpp, PDU, Session as SmppLink } from 'smpp';
import { DeliveryReceipt, ReceiptStat, receiptStatFromMessageState } from './parse-receipt';
import { InboundSms, inboundFromDeliverSm, isDeliveryReceipt, receiptFromDeliverSm } from './deliver-sm';
import { SMPP_STATUS, SmppBindError, SmppSubmitError } from './smpp-errors';
import { SubmitTextCache } from './submit-text-cache';
import { ESM_CLASS_UDHI, withReference } from './udh';

export interface SmppLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SmppSessionOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  enquireLinkMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** Time allowed for TCP connect + bind_transceiver_resp. */
  bindTimeoutMs?: number;
  /** Time allowed for a submit_sm_resp before the submit fails as transient. */
  submitTimeoutMs?: number;
  /**
   * How a text longer than one SMS is sent: 'udh' (default) as concatenated submit_sm PDUs, each with a
   * concatenation UDH in short_message and esm_class UDHI; 'payload' as one submit_sm with the whole text in
   * the message_payload TLV, for carriers whose SMSC is configured to split it themselves.
   */
  longMessageMode?: LongMessageMode;
  logger?: SmppLogger;
}

export type LongMessageMode = 'udh' | 'payload';

export interface SmppSubmitRequest {
  /** E.164 ('+84…', sent as TON 1 / NPI 1 without '+') or a national number. */
  destination: string;
  sourceAddr: string;
  /** Defaults to 5 (alphanumeric sender id). */
  sourceAddrTon?: number;
  text: string;
  /** Ask the SMSC for a delivery receipt (registered_delivery 1). Defaults to true. */
  registeredDelivery?: boolean;
  /**
   * Awaited before each submit_sm (part numbered from 0): the carrier's rate counts submissions. When it rejects
   * for the first part nothing is sent and submit rejects with its error; for a later part the message goes on
   * (its first parts are out: better whole and a little fast than cut short).
   */
  beforeEachPart?: (part: number) => Promise<void>;
}

export interface SmppSubmitResult {
  /** message_id of the first (or only) submit_sm. */
  messageId: string;
  /**
   * message_id of every submit_sm, in part order: one per concatenated part, a single one for a text that fits
   * one SMS or travels in message_payload. Each part gets its own delivery receipt.
   */
  messageIds: string[];
}

export interface SmppQueryResult {
  messageId: string;
  /** message_state as a receipt stat (ENROUTE while the SMSC is still trying). */
  stat: ReceiptStat;
  errorCode: string | null;
  /** final_date (node-smpp decodes it), when the message reached a final state. */
  finalDate: Date | null;
}

export type ReceiptHandler = (receipt: DeliveryReceipt) => void | Promise<void>;
export type InboundHandler = (message: InboundSms) => void | Promise<void>;

type SessionState = 'idle' | 'connecting' | 'bound' | 'reconnecting' | 'closed';

interface PendingSubmit {
  reject(error: SmppSubmitError): void;
  timer: NodeJS.Timeout;
}

const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;
const NPI_UNKNOWN = 0;
const NPI_ISDN = 1;
const SMPP_INTERFACE_VERSION_34 = 0x34;
const MAX_ENQUIRE_LINK_WAIT_MS = 10_000;
const UNBIND_WAIT_MS = 2_000;
const ESM_CLASS_DEFAULT = 0;

const SILENT_LOGGER: SmppLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SmppSession {
  private readonly options: Required<Omit<SmppSessionOptions, 'logger'>>;
  private readonly logger: SmppLogger;
  private readonly target: string;
  private state: SessionState = 'idle';
  private link: SmppLink | null = null;
  private readonly pending = new Map<number, PendingSubmit>();
  private readonly receiptHandlers = new Set<ReceiptHandler>();
  private readonly inboundHandlers = new Set<InboundHandler>();
  private readonly texts = new SubmitTextCache();
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireLinkTimer: NodeJS.Timeout | null = null;
  private enquireLinkDeadline: NodeJS.Timeout | null = null;
  /** Concatenation reference of the next long message; random start so a restart does not reuse the last ones. */
  private concatReference = randomInt(0, 0x100);

  constructor(options: SmppSessionOptions) {
    // Explicit `undefined` in options must not override a default (the smpp package cannot encode it).
    this.options = {
      host: options.host,
      port: options.port,
      systemId: options.systemId,
      password: options.password,
      systemType: options.systemType ?? '',
      enquireLinkMs: options.enquireLinkMs ?? 30_000,
      reconnectInitialMs: options.reconnectInitialMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
      bindTimeoutMs: options.bindTimeoutMs ?? 10_000,
      submitTimeoutMs: options.submitTimeoutMs ?? 30_000,
      longMessageMode: options.longMessageMode ?? 'udh',
    };
    this.logger = options.logger ?? SILENT_LOGGER;
    this.target = `${options.systemId}@${options.host}:${options.port}`;
  }

  /**
   * Opens the TCP connection and binds as transceiver. Rejects with SmppBindError when the
   * SMSC cannot be reached or refuses the bind; no automatic retry happens in that case.
   * Once bound, connection losses are recovered automatically until close().
   * Register onReceipt/onInbound handlers before connecting so no receipt is missed.
   */
  async connect(): Promise<void> {
    if (this.state === 'closed') throw new Error(`SmppSession ${this.target} is closed`);
    if (this.state !== 'idle') throw new Error(`SmppSession ${this.target} is already connected`);
    this.state = 'connecting';
    try {
      await this.openAndBind();
    } catch (error) {
      if (this.state === 'connecting') this.state = 'idle';
      throw error;
    }
  }

  isBound(): boolean {
    return this.state === 'bound' && this.link !== null;
  }

  /** Registers a receipt handler; deliver_sm_resp is sent once every handler has settled. */
  onReceipt(handler: ReceiptHandler): () => void {
    this.receiptHandlers.add(handler);
    return () => this.receiptHandlers.delete(handler);
  }

  onInbound(handler: InboundHandler): () => void {
    this.inboundHandlers.add(handler);
    return () => this.inboundHandlers.delete(handler);
  }

  /**
   * Sends a text (NFC-normalised first): data_coding 0 (GSM 03.38) when possible, 8 (UCS-2) otherwise.
   * A text that fits one SMS is one submit_sm. A longer one is, in 'udh' mode, one submit_sm per part with
   * esm_class UDHI and the concatenation UDH in short_message, sent one after the other (each part waits for
   * the previous part's submit_sm_resp, so the SMSC receives them in order and nothing follows a refusal);
   * in 'payload' mode, one submit_sm with the text in message_payload.
   * Rejects with SmppSubmitError (kind throttled / transient / permanent); when a part after the first fails,
   * the error's acceptedMessageIds lists the parts already accepted.
   */
  async submit(request: SmppSubmitRequest): Promise<SmppSubmitResult> {
    let pdus: Array<Record<string, unknown>>;
    try {
      pdus = this.submitSmPdus(request);
    } catch (error) {
      throw SmppSubmitError.invalidMessage(describe(error));
    }
    const pace = request.beforeEachPart;
    if (pdus.length === 1) {
      if (pace) await pace(0);
      const messageId = await this.submitPdu(pdus[0]);
      return { messageId, messageIds: [messageId] };
    }
    const messageIds: string[] = [];
    for (const [index, fields] of pdus.entries()) {
      if (pace) await (index === 0 ? pace(0) : pace(index).catch(() => undefined));
      try {
        messageIds.push(await this.submitPdu(fields));
      } catch (error) {
        if (!(error instanceof SmppSubmitError)) throw error;
        throw SmppSubmitError.inConcatenated(error, {
          failedPart: index + 1,
          totalParts: pdus.length,
          acceptedMessageIds: messageIds,
        });
      }
    }
    return { messageId: messageIds[0], messageIds };
  }

  /** One submit_sm; resolves with its message_id. */
  private async submitPdu(fields: Record<string, unknown>): Promise<string> {
    const response = await this.exchange('submit_sm', fields);
    if (response.command !== 'submit_sm_resp' || typeof response.message_id !== 'string') {
      throw SmppSubmitError.fromCommandStatus(SMPP_STATUS.ESME_RSYSERR);
    }
    return response.message_id;
  }

  /**
   * Asks the SMSC where a message stands (query_sm, SMPP 3.4 §4.8): for a message whose delivery receipt never
   * came. `sourceAddr` is the sender the message was submitted with. Resolves with the message_state as a receipt
   * stat; rejects with SmppSubmitError when the SMSC refuses (ESME_RQUERYFAIL: it no longer knows the message).
   */
  async query(messageId: string, sourceAddr: string, sourceAddrTon = TON_ALPHANUMERIC): Promise<SmppQueryResult> {
    const response = await this.exchange('query_sm', {
      message_id: messageId,
      source_addr_ton: sourceAddrTon,
      source_addr_npi: sourceAddrTon === TON_ALPHANUMERIC ? NPI_UNKNOWN : NPI_ISDN,
      source_addr: sourceAddr,
    });
    const state = typeof response.message_state === 'number' ? response.message_state : -1;
    return {
      messageId,
      stat: receiptStatFromMessageState(state) ?? 'UNKNOWN',
      errorCode:
        typeof response.error_code === 'number' && response.error_code !== 0 ? String(response.error_code) : null,
      finalDate: response.final_date instanceof Date ? response.final_date : null,
    };
  }

  /**
   * Sends one PDU and resolves with its response when command_status is ESME_ROK. Fails as transient when not
   * bound, when the socket is not writable, when the connection closes before the answer, or after the timeout.
   */
  private exchange(command: string, fields: Record<string, unknown>): Promise<PDU> {
    const link = this.link;
    if (!link || this.state !== 'bound') {
      return Promise.reject(SmppSubmitError.transport('NOT_BOUND', `session ${this.target} is ${this.state}`));
    }
    return new Promise<PDU>((resolve, reject) => {
      let pdu: PDU;
      let sent: boolean;
      const onResponse = (response: PDU): void => {
        const entry = this.pending.get(pdu.sequence_number);
        if (!entry) return; // already failed (timeout / connection lost)
        clearTimeout(entry.timer);
        this.pending.delete(pdu.sequence_number);
        if (response.command_status !== SMPP_STATUS.ESME_ROK)
          reject(SmppSubmitError.fromCommandStatus(response.command_status));
        else resolve(response);
      };
      try {
        pdu = new PDU(command, fields);
        sent = link.send(pdu, onResponse);
      } catch (error) {
        reject(SmppSubmitError.invalidMessage(describe(error)));
        return;
      }
      if (!sent) {
        reject(SmppSubmitError.transport('CONNECTION_LOST', `socket to ${this.target} is not writable`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(pdu.sequence_number);
        reject(
          SmppSubmitError.transport(
            'SUBMIT_TIMEOUT',
            `no ${command}_resp from ${this.target} within ${this.options.submitTimeoutMs} ms`,
          ),
        );
      }, this.options.submitTimeoutMs);
      this.pending.set(pdu.sequence_number, { reject, timer });
    });
  }

  /** Unbinds, closes the connection and stops re-connecting. Pending submits fail as transient. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopEnquireLink();
    const link = this.link;
    if (!link) return;
    await new Promise<void>((resolve) => {
      const forceClose = setTimeout(() => link.destroy(), UNBIND_WAIT_MS);
      link.once('close', () => {
        clearTimeout(forceClose);
        resolve();
      });
      const sent = link.send(new PDU('unbind'), () => link.close());
      if (!sent) link.destroy();
    });
  }

  /** The submit_sm PDUs (fields) that carry `request`, in sending order. */
  private submitSmPdus(request: SmppSubmitRequest): Array<Record<string, unknown>> {
    const sourceTon = request.sourceAddrTon ?? TON_ALPHANUMERIC;
    const international = request.destination.startsWith('+');
    const envelope = {
      source_addr_ton: sourceTon,
      source_addr_npi: sourceTon === TON_ALPHANUMERIC ? NPI_UNKNOWN : NPI_ISDN,
      source_addr: request.sourceAddr,
      dest_addr_ton: international ? TON_INTERNATIONAL : 0,
      dest_addr_npi: NPI_ISDN,
      destination_addr: international ? request.destination.slice(1) : request.destination,
      registered_delivery: request.registeredDelivery === false ? 0 : 1,
    };
    // Encoded here rather than by node-smpp, so that the octets sent are exactly the ones ../text measured; once
    // per text, not per message.
    const text = this.texts.get(request.text);
    if (text.segments === 1) {
      return [
        {
          ...envelope,
          esm_class: ESM_CLASS_DEFAULT,
          data_coding: text.dataCoding,
          short_message: text.whole(),
        },
      ];
    }
    if (this.options.longMessageMode === 'payload') {
      return [
        {
          ...envelope,
          esm_class: ESM_CLASS_DEFAULT,
          data_coding: text.dataCoding,
          short_message: Buffer.alloc(0),
          message_payload: text.whole(),
        },
      ];
    }
    const message = withReference(text.parts(), this.nextConcatReference());
    return message.parts.map((part) => ({
      ...envelope,
      esm_class: ESM_CLASS_UDHI,
      data_coding: message.dataCoding,
      short_message: part.shortMessage,
    }));
  }

  private nextConcatReference(): number {
    const reference = this.concatReference;
    this.concatReference = (reference + 1) & 0xff;
    return reference;
  }

  private openAndBind(): Promise<void> {
    const { host, port, systemId, password, systemType, bindTimeoutMs } = this.options;
    return new Promise<void>((resolve, reject) => {
      const link = connectSmpp({ host, port });
      // PDUs are small and pipelined: without this, Nagle's algorithm holds each one back (measured ~2× slower).
      link.socket.setNoDelay(true);
      coalesceWritesPerTurn(link.socket);
      let settled = false;
      const fail = (error: SmppBindError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(bindTimer);
        link.destroy();
        reject(error);
      };
      const bindTimer = setTimeout(
        () =>
          fail(
            new SmppBindError(
              `no bind_transceiver_resp from ${this.target} within ${bindTimeoutMs} ms`,
              null,
              'BIND_TIMEOUT',
            ),
          ),
        bindTimeoutMs,
      );
      link.on('error', (error: Error) => {
        if (!settled) {
          fail(new SmppBindError(`cannot connect to SMSC ${this.target}: ${error.message}`, null, 'CONNECTION_FAILED'));
          return;
        }
        this.logger.warn(`SMPP ${this.target}: ${error.message}`);
        link.destroy(); // node-smpp stops reading after a PDU decoding error
      });
      link.on('close', () => {
        if (!settled) {
          fail(
            new SmppBindError(
              `SMSC ${this.target} closed the connection before bind completed`,
              null,
              'CONNECTION_CLOSED',
            ),
          );
          return;
        }
        this.handleLinkClosed(link);
      });
      link.on('connect', () => {
        const bind = new PDU('bind_transceiver', {
          system_id: systemId,
          password,
          system_type: systemType,
          interface_version: SMPP_INTERFACE_VERSION_34,
        });
        link.send(bind, (response) => {
          if (settled) return;
          if (response.command_status !== SMPP_STATUS.ESME_ROK) {
            fail(SmppBindError.fromCommandStatus(response.command_status, this.target));
            return;
          }
          if (this.state === 'closed') {
            fail(new SmppBindError(`SmppSession ${this.target} was closed while binding`, null, 'CLOSED'));
            return;
          }
          settled = true;
          clearTimeout(bindTimer);
          this.attach(link);
          resolve();
        });
      });
    });
  }

  private attach(link: SmppLink): void {
    this.link = link;
    this.state = 'bound';
    this.reconnectAttempt = 0;
    link.on('deliver_sm', (pdu: PDU) => void this.handleDeliverSm(link, pdu));
    link.on('enquire_link', (pdu: PDU) => link.send(pdu.response()));
    link.on('unbind', (pdu: PDU) => {
      this.logger.warn(`SMPP ${this.target}: SMSC requested unbind`);
      link.send(pdu.response());
      link.close();
    });
    link.on('unknown', (pdu: PDU) => link.send(pdu.response()));
    this.startEnquireLink(link);
    this.logger.log(`SMPP ${this.target}: bound as transceiver`);
  }

  private handleLinkClosed(link: SmppLink): void {
    if (link !== this.link) return;
    this.link = null;
    this.stopEnquireLink();
    for (const [sequence, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(SmppSubmitError.transport('CONNECTION_LOST', `connection to ${this.target} closed`));
      this.pending.delete(sequence);
    }
    if (this.state === 'closed') return;
    this.state = 'reconnecting';
    this.logger.warn(`SMPP ${this.target}: connection lost, re-connecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const { reconnectInitialMs, reconnectMaxMs } = this.options;
    const delay = Math.min(reconnectInitialMs * 2 ** this.reconnectAttempt, reconnectMaxMs);
    this.reconnectAttempt += 1;
    const attempt = this.reconnectAttempt;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.openAndBind().then(
        () => this.logger.log(`SMPP ${this.target}: re-bound after ${attempt} attempt(s)`),
        (error: unknown) => {
          if (this.state === 'closed') return;
          this.logger.warn(`SMPP ${this.target}: re-connect failed (${describe(error)}), next try in backoff`);
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private startEnquireLink(link: SmppLink): void {
    const { enquireLinkMs } = this.options;
    this.enquireLinkTimer = setInterval(() => {
      if (this.enquireLinkDeadline) return; // previous enquire_link still unanswered
      this.enquireLinkDeadline = setTimeout(
        () => {
          this.enquireLinkDeadline = null;
          this.logger.warn(`SMPP ${this.target}: enquire_link unanswered, dropping connection`);
          link.destroy();
        },
        Math.min(enquireLinkMs, MAX_ENQUIRE_LINK_WAIT_MS),
      );
      const sent = link.send(new PDU('enquire_link'), () => {
        if (this.enquireLinkDeadline) clearTimeout(this.enquireLinkDeadline);
        this.enquireLinkDeadline = null;
      });
      if (!sent) link.destroy();
    }, enquireLinkMs);
  }

  private stopEnquireLink(): void {
    if (this.enquireLinkTimer) clearInterval(this.enquireLinkTimer);
    if (this.enquireLinkDeadline) clearTimeout(this.enquireLinkDeadline);
    this.enquireLinkTimer = null;
    this.enquireLinkDeadline = null;
  }

  /**
   * Answers every deliver_sm after its handlers settle: ESME_ROK, or ESME_RX_T_APPN
   * (temporary application error, the SMSC will retry) when a handler failed.
   */
  private async handleDeliverSm(link: SmppLink, pdu: PDU): Promise<void> {
    let status: number = SMPP_STATUS.ESME_ROK;
    const esmClass = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
    if (isDeliveryReceipt(esmClass)) {
      const receipt = receiptFromDeliverSm(pdu);
      if (receipt) status = await this.runHandlers(this.receiptHandlers, receipt, 'receipt');
      else this.logger.warn(`SMPP ${this.target}: unparsable delivery receipt ignored`);
    } else {
      status = await this.runHandlers(this.inboundHandlers, inboundFromDeliverSm(pdu), 'inbound');
    }
    link.send(pdu.response({ command_status: status }));
  }

  private async runHandlers<T>(
    handlers: Set<(value: T) => void | Promise<void>>,
    value: T,
    kind: string,
  ): Promise<number> {
    if (handlers.size === 0) {
      this.logger.warn(`SMPP ${this.target}: ${kind} received but no handler is registered`);
      return SMPP_STATUS.ESME_ROK;
    }
    const results = await Promise.allSettled([...handlers].map(async (handler) => handler(value)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (!failure) return SMPP_STATUS.ESME_ROK;
    this.logger.error(`SMPP ${this.target}: ${kind} handler failed: ${describe(failure.reason)}`);
    return SMPP_STATUS.ESME_RX_T_APPN;
  }
}
