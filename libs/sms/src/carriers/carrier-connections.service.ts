import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { CarrierEntity } from '@loa/db';
import { SmsProvider, createSmsProvider } from '../providers';
import { AwaitingReceiptsService } from '../receipts/awaiting-receipts.service';
import { SecondaryRouteProvider } from '../routes/secondary-route-provider';
import { WatchedProvider } from '../routes/watched-provider';
import { FailoverSettings, RouteHealth, RouteName, failoverSettings } from '../routes/rules';
import { ReceiptBatcher } from '../receipts/receipt-batcher';
import { ReceiptIntake } from '../receipts/receipt-intake';
import type { BindLease } from './bind-lease';
import { CarrierLimits } from './carrier-limits';
import { CarriersRepository } from './carriers.repository';

/** A carrier and the provider that sends through it (its primary route), and its second route if it has one. */
export interface CarrierConnection {
  carrier: CarrierEntity;
  /** The primary route: the provider the carrier row describes, its outcomes counted in `health`. */
  provider: SmsProvider;
  /**
   * Resolves true once the primary is bound (within its allowed sessions), or the secondary is and the primary has
   * failed to bind here; false when closed first.
   */
  ready: Promise<boolean>;
  /** How long the primary has failed, as this process sees it (failed binds, transient refusals). */
  health: RouteHealth;
  /** The second route (`connection.secondary`), its ids prefixed, and when to fail over to it and back. */
  secondary: { provider: SmsProvider; failover: FailoverSettings } | null;
}

/** First and longest wait between connection attempts to a carrier that does not answer. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * One provider connection per enabled carrier, for the process that sends (the worker). `open()` builds the
 * providers and connects each in the background, retrying with backoff while its SMSC is down; the receipts they
 * bring are settled in batches by `ReceiptBatcher` (the others, and subscribers' replies, go to the receipts queue
 * through `ReceiptIntake`). Nothing connects until `open()` is called, so the API, which imports SmsModule too,
 * opens no carrier session.
 */
@Injectable()
export class CarrierConnections {
  private readonly logger = new Logger('carrier-connections');
  private readonly all: CarrierConnection[] = [];
  private readonly up = new Set<CarrierConnection>();
  /** Seats held among carriers' allowed sessions, freed on close. */
  private readonly leases = new Set<BindLease>();
  private receiptCheck: Promise<void> | null = null;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly carriers: CarriersRepository,
    private readonly intake: ReceiptIntake,
    private readonly receipts: ReceiptBatcher,
    private readonly awaitingReceipts: AwaitingReceiptsService,
    private readonly limits: CarrierLimits,
  ) {}

  /** Builds a provider per enabled carrier and starts connecting them; returns them at once (not yet connected). */
  async open(): Promise<CarrierConnection[]> {
    if (this.all.length) return [...this.all];
    for (const carrier of await this.carriers.enabled()) {
      const health = new RouteHealth();
      const provider = new WatchedProvider(
        this.routeProvider(carrier, 'primary', carrier.provider, carrier.connection),
        health,
      );
      let primaryFailed: () => void = () => undefined;
      const firstPrimaryFailure = new Promise<boolean>((resolve) => (primaryFailed = () => resolve(true)));
      const primaryReady = this.connectWithRetry(
        provider,
        this.leaseFor(carrier.code, carrier.connection),
        health,
        primaryFailed,
      );
      const failover = failoverSettings(carrier.code, carrier.connection);
      let secondary: CarrierConnection['secondary'] = null;
      let secondaryReady: Promise<boolean> | null = null;
      if (failover) {
        const bare = this.routeProvider(carrier, 'secondary', failover.secondary.provider, failover.secondary);
        secondary = { provider: new SecondaryRouteProvider(bare), failover };
        const lease = this.leaseFor(`${carrier.code}.secondary`, failover.secondary);
        // The second route alone takes jobs only once this process's primary has failed to bind: a process that
        // merely waits for a seat among the primary's allowed sessions leaves the jobs to those that have one.
        const primaryDown = Promise.race([firstPrimaryFailure, primaryReady.then(() => false)]);
        secondaryReady = this.connectWithRetry(secondary.provider, lease, null).then((ok) => ok && primaryDown);
      }
      const connection: CarrierConnection = {
        carrier,
        provider,
        ready: firstTrue(secondaryReady ? [primaryReady, secondaryReady] : [primaryReady]),
        health,
        secondary,
      };
      this.all.push(connection);
      void connection.ready.then((connected) => {
        if (connected) this.up.add(connection);
      });
    }
    this.logger.log(
      `carriers: ${
        this.all
          .map(
            (c) =>
              `${c.carrier.code}(${c.carrier.provider}${c.secondary ? `, then ${c.secondary.failover.secondary.provider}` : ''})`,
          )
          .join(', ') || 'none'
      }`,
    );
    return [...this.all];
  }

  /**
   * A route's provider. A carrier's TPS holds across every worker process (Redis), not per process; the second
   * route is another account, so it has its own rate gate and its own allowed sessions.
   */
  private routeProvider(
    carrier: CarrierEntity,
    route: RouteName,
    kind: CarrierEntity['provider'],
    connection: Record<string, unknown>,
  ): SmsProvider {
    const suffix = route === 'secondary' ? '.secondary' : '';
    return createSmsProvider(
      { ...carrier, provider: kind, connection },
      this.config.http.publicBaseUrl,
      (code, tps) => this.limits.gateFor(`${code}${suffix}`, tps),
      route,
    );
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

  /** Stops connecting, lets a running receipt round finish, then closes every provider and frees its session seat. */
  async close(): Promise<void> {
    this.closed = true;
    await this.receiptCheck;
    await Promise.all(this.all.map((c) => c.provider.stop().catch(() => undefined)));
    await Promise.all([...this.leases].map((l) => l.release().catch(() => undefined)));
  }

  /** A seat among the route's allowed sessions (`maxBinds` of its connection), or null when it sets none. */
  private leaseFor(key: string, connection: Record<string, unknown>): BindLease | null {
    const max = Number(connection.maxBinds ?? 0);
    if (!Number.isInteger(max) || max <= 0) return null;
    const lease = this.limits.leaseFor(key, max);
    this.leases.add(lease);
    return lease;
  }

  /** Each route is asked about the messages it took (their stored ids say which), while it is connected. */
  private async checkEach(): Promise<void> {
    for (const { carrier, provider, secondary } of this.connected()) {
      const routes: Array<[RouteName, SmsProvider]> = [['primary', provider]];
      if (secondary) routes.push(['secondary', secondary.provider]);
      for (const [route, p] of routes) {
        if (this.closed) return;
        if (!p.isConnected()) continue;
        await this.awaitingReceipts
          .check(p, carrier.senderName, route)
          .catch((e: unknown) => this.logger.warn(`${carrier.code}: receipt check failed: ${(e as Error).message}`));
      }
    }
  }

  /**
   * True once connected; false when closed first. With a bind lease, binds only while holding a seat: a process
   * finding every seat taken waits (its carrier queue's jobs go to the bound processes).
   */
  private async connectWithRetry(
    provider: SmsProvider,
    lease: BindLease | null,
    health: RouteHealth | null,
    onFailure: () => void = () => undefined,
  ): Promise<boolean> {
    for (let delay = RETRY_FIRST_MS; !this.closed; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        if (lease && !(await lease.acquire())) {
          this.logger.log(`${provider.carrierCode}: every allowed session is bound by other workers; waiting`);
          await new Promise((r) => setTimeout(r, Math.min(delay, 5000)));
          continue;
        }
        await provider.start(
          (r) => this.receipts.receipt(r),
          (m) => this.intake.inbound(m),
        );
        health?.succeeded();
        return true;
      } catch (e) {
        health?.failed(Date.now(), `cannot connect: ${(e as Error).message}`);
        onFailure();
        this.logger.warn(`${provider.carrierCode}: cannot connect (${(e as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return false;
  }
}

/** Resolves true as soon as one of them does; false once all have resolved false. */
function firstTrue(all: Array<Promise<boolean>>): Promise<boolean> {
  return new Promise((resolve) => {
    let left = all.length;
    for (const p of all)
      void p.then((ok) => {
        if (ok) resolve(true);
        else if (--left === 0) resolve(false);
      });
  });
}
