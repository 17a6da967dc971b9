/**
 * Minimal type declarations for the untyped `smpp` npm package (node-smpp 0.5),
 * covering only what the Loa SMPP client and the local SMSC simulator use.
 * See node_modules/smpp/lib/smpp.js and lib/pdu.js for the real behaviour.
 */
declare module 'smpp' {
  import { EventEmitter } from 'events';
  import { Server as NetServer, Socket } from 'net';

  /** Decoded value of short_message / message_payload (see filters.message in lib/defs.js). */
  export interface DecodedShortMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  export type PduResponseCallback = (pdu: PDU) => void;

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_id: number;
    command_length: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
    /** Command parameters and TLVs, named as in the SMPP specification. */
    [field: string]: unknown;
  }

  export class Session extends EventEmitter {
    socket: Socket;
    server?: Server;
    send(pdu: PDU, responseCallback?: PduResponseCallback, sendCallback?: PduResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface ConnectOptions {
    host?: string;
    port?: number;
    url?: string;
    tls?: boolean;
    auto_enquire_link_period?: number;
  }

  export function connect(options: ConnectOptions, listener?: () => void): Session;

  export class Server extends NetServer {
    sessions: Session[];
  }

  export function createServer(listener?: (session: Session) => void): Server;
  export function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;

  export const errors: Record<string, number>;

  export interface SmppEncoding {
    match(value: string): boolean;
    encode(value: string): Buffer;
    decode(value: Buffer): string;
  }
  export const encodings: Record<string, SmppEncoding> & { default: string };
}
