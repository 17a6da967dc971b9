import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { CarrierEntity } from '@loa/db';
import { SmsProvider, createSmsProvider } from '../providers';
import { AwaitingReceiptsService } from '../receipts/awaiting-receipts.service';
import { ReceiptIntake } from '../receipts/receipt-intake';
import { CarriersRepository } from './carriers.repository';

/** A carrier and the provider that sends through it. */
export interface CarrierConnection {
  carrier: CarrierEntity;
  provider: SmsProvider;
}

/** First and longest wait between connection attempts to a carrier that does not answer. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * One provider connection per enabled carrier, for the process that sends (the worker). `open()` builds the
 * providers and connects each in the background, retrying with backoff while its SMSC is down; receipts and replies
 * they bring go to the receipts queue through `ReceiptIntake`. Nothing connects until `open()` is called, so the
 * API, which imports SmsModule too, opens no carrier session.
 */
@Injectable()
export class CarrierConnections {
  private readonly logger = new Logger('carrier-connections');
  private readonly all: CarrierConnection[] = [];
  private readonly up = new Set<CarrierConnection>();
  private receiptCheck: Promise<void> | null = null;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly carriers: CarriersRepository,
    private readonly intake: ReceiptIntake,
    private readonly awaitingReceipts: AwaitingReceiptsService,
  ) {}

  /** Builds a provider per enabled carrier and starts connecting them; returns them at once (not yet connected). */
  async open(): Promise<CarrierConnection[]> {
    if (this.all.length) return [...this.all];
    for (const carrier of await this.carriers.enabled()) {
      const connection = { carrier, provider: createSmsProvider(carrier, this.config.http.publicBaseUrl) };
      this.all.push(connection);
      void this.connectWithRetry(connection.provider).then((connected) => {
        if (connected) this.up.add(connection);
      });
    }
    this.logger.log(
      `carriers: ${this.all.map((c) => `${c.carrier.code}(${c.carrier.provider})`).join(', ') || 'none'}`,
    );
    return [...this.all];
  }

  /** Carriers whose connection is up. */
  connected(): CarrierConnection[] {
    return [...this.up];
  }

  /**
   * Asks each connected carrier, one after the other, about SMS whose receipt has not come (AwaitingReceiptsService).
   * A round still running when the next is asked for is joined, not doubled.
   */
  checkAwaitingReceipts(): Promise<void> {
    this.receiptCheck ??= this.checkEach().finally(() => (this.receiptCheck = null));
    return this.receiptCheck;
  }

  /** Stops connecting, lets a running receipt round finish, then closes every provider. */
  async close(): Promise<void> {
    this.closed = true;
    await this.receiptCheck;
    await Promise.all(this.all.map((c) => c.provider.stop().catch(() => undefined)));
  }

  private async checkEach(): Promise<void> {
    for (const { carrier, provider } of this.connected()) {
      if (this.closed) return;
      await this.awaitingReceipts
        .check(provider, carrier.senderName)
        .catch((e: unknown) => this.logger.warn(`${carrier.code}: receipt check failed: ${(e as Error).message}`));
    }
  }

  /** True once connected; false when closed first. */
  private async connectWithRetry(provider: SmsProvider): Promise<boolean> {
    for (let delay = RETRY_FIRST_MS; !this.closed; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        await provider.start(
          (r) => this.intake.receipt(r),
          (m) => this.intake.inbound(m),
        );
        return true;
      } catch (e) {
        this.logger.warn(`${provider.carrierCode}: cannot connect (${(e as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return false;
  }
}
