import type { RouteName } from './route-ids';

/** Which route carries a carrier for every worker, as stored (`carrier_routes`; none stored: the primary). */
export interface ActiveRoute {
  route: RouteName;
  since: Date;
}

export interface RouteSituation {
  active: ActiveRoute;
  now: Date;
  /** Unbroken failure of the primary as this process has seen it (RouteHealth.failingFor). */
  primaryFailingForMs: number;
  /** The last failure the primary gave, for the switch's reason. */
  primaryError: string | null;
  /** The primary is bound (SMPP) or needs no session (HTTP) in this process. */
  primaryConnected: boolean;
  /** Likewise the secondary. */
  secondaryConnected: boolean;
  failoverAfterMs: number;
  retryPrimaryAfterMs: number;
}

export type SwitchReason = 'primary-failing' | 'primary-retry';

export interface RouteSwitchDecision {
  route: RouteName;
  reason: SwitchReason;
  /** How long the primary had failed (primary-failing), or the secondary had carried the carrier (primary-retry). */
  seconds: number;
  /** The primary's last error (primary-failing); null otherwise. */
  error: string | null;
  /** The same in one English sentence, for logs and the audit trail. */
  detail: string;
}

export interface RouteChoice {
  /** The route this batch goes by. */
  route: RouteName;
  /** Set when the batch's route is a change from the stored one: store and audit it before sending. */
  switchTo?: RouteSwitchDecision;
}

/**
 * The route for a carrier's next batch — a circuit breaker over its two routes. On the primary: stay, unless it has
 * failed for `failoverAfterMs` without a success and the secondary is connected — then switch. On the secondary:
 * stay until it has carried the carrier for `retryPrimaryAfterMs` and the primary is connected again — then try
 * the primary (the health it is then given is fresh: if it fails as long again, the carrier switches back).
 */
export function chooseRoute(s: RouteSituation): RouteChoice {
  if (s.active.route === 'primary') {
    // Failures seen before the primary was last given the carrier (by any worker) do not count against it.
    const failingForMs = Math.min(s.primaryFailingForMs, s.now.getTime() - s.active.since.getTime());
    if (failingForMs >= s.failoverAfterMs && s.secondaryConnected) {
      return switchTo('secondary', 'primary-failing', failingForMs, s.primaryError);
    }
    return { route: 'primary' };
  }
  const onSecondaryMs = s.now.getTime() - s.active.since.getTime();
  if (onSecondaryMs >= s.retryPrimaryAfterMs && s.primaryConnected) {
    return switchTo('primary', 'primary-retry', onSecondaryMs, null);
  }
  return { route: 'secondary' };
}

/** A switch of the carrier to `route`, with its figures and its sentence for logs and the audit trail. */
function switchTo(route: RouteName, reason: SwitchReason, forMs: number, error: string | null): RouteChoice {
  const seconds = Math.round(forMs / 1000);
  const detail =
    reason === 'primary-failing'
      ? `the primary route failed for ${seconds} s${error ? `: ${error}` : ''}`
      : `the primary route is connected again after ${seconds} s on the secondary`;
  return { route, switchTo: { route, reason, seconds, error, detail } };
}
