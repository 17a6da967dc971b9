import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { LoaMetrics } from '@loa/metrics';
import type { SmsProvider } from '../providers';
import type { CarrierConnection } from '../carriers/carrier-connections.service';
import { CarrierRoutesRepository } from './carrier-routes.repository';
import { chooseRoute, RouteName } from './rules';

/** The route a batch goes by, and the provider that sends on it. */
export interface ChosenRoute {
  route: RouteName;
  provider: SmsProvider;
}

/**
 * Picks the route of each batch of a carrier that has a second route (`connection.secondary`): the stored route,
 * unless `chooseRoute` says to switch — then the switch is stored and audited (`carrier.route_switched`) before the
 * batch goes. A batch goes wholly by one route, and a row is claimed before it is sent and never sent again once
 * handed over, so no message goes by both. A carrier without a second route costs nothing here (no read).
 */
@Injectable()
export class CarrierRouteSelector {
  private readonly logger = new Logger('carrier-routes');

  constructor(
    private readonly routes: CarrierRoutesRepository,
    private readonly audit: AuditService,
    @Optional() @Inject(LoaMetrics) private readonly metrics: LoaMetrics | null = null,
  ) {}

  async choose(connection: CarrierConnection, now: Date = new Date()): Promise<ChosenRoute> {
    const { carrier, provider: primary, secondary, health } = connection;
    if (!secondary) return { route: 'primary', provider: primary };
    if (!primary.isConnected()) health.failed(now.getTime(), 'the primary route is not bound');
    const active = await this.routes.active(carrier.code);
    const choice = chooseRoute({
      active,
      now,
      primaryFailingForMs: health.failingFor(now.getTime()),
      primaryError: health.error,
      primaryConnected: primary.isConnected(),
      secondaryConnected: secondary.provider.isConnected(),
      failoverAfterMs: secondary.failover.failoverAfterMs,
      retryPrimaryAfterMs: secondary.failover.retryPrimaryAfterMs,
    });
    let route = choice.route;
    if (choice.switchTo) {
      const { reason, seconds, error, detail } = choice.switchTo;
      const switched = await this.routes.transaction(async (m) => {
        const done = await this.routes.switchRoute(m, {
          carrierCode: carrier.code,
          from: active.route,
          to: choice.switchTo!.route,
          reason,
          seconds,
          error,
          detail,
        });
        if (done) {
          await this.audit.record(
            {
              actor: SYSTEM_ACTOR,
              organizationId: null,
              action: 'carrier.route_switched',
              targetType: 'carrier',
              targetId: carrier.code,
              before: { route: done.from },
              after: { route: done.to, reason, seconds, error, detail },
            },
            m,
          );
        }
        return done;
      });
      if (switched) {
        this.logger.warn(`${carrier.code}: now sending by the ${switched.to} route (${detail})`);
        this.metrics?.smsRouteSwitches.labels(carrier.code, switched.to).inc();
        // The primary tried again starts with a clean record: it must fail as long again to be left again.
        if (switched.to === 'primary') health.reset();
      } else {
        // Another worker switched first: follow what is stored.
        route = (await this.routes.active(carrier.code)).route;
      }
    }
    this.metrics?.smsOnSecondaryRoute.labels(carrier.code).set(route === 'secondary' ? 1 : 0);
    return { route, provider: route === 'primary' ? primary : secondary.provider };
  }
}
