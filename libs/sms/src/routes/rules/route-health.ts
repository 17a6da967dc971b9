/** What one submission on a route came to, as far as the route's health goes. */
export type RouteSignal = 'ok' | 'failing' | 'neutral';

/**
 * A submission's outcome as a sign of the route's health: accepted is health; a transient refusal that is not
 * throttling (the SMSC not bound, a system error, HTTP 5xx) or no answer at all is the route failing; a refusal of
 * one number, throttling, or a row held back by rule says nothing about the route.
 */
export function routeSignal(outcome: { kind: string; throttled?: boolean }): RouteSignal {
  switch (outcome.kind) {
    case 'accepted':
      return 'ok';
    case 'ambiguous':
      return 'failing';
    case 'retry-later':
      return outcome.throttled ? 'neutral' : 'failing';
    default:
      return 'neutral';
  }
}

/**
 * How long a route has been failing without a single success between, as one process sees it: set by the first
 * failure (a failed bind, a batch finding it unbound, a transient refusal), cleared by the next success.
 */
export class RouteHealth {
  private failingSince: number | null = null;
  private lastError: string | null = null;

  /** A failure at `now` (ms): starts the streak if none runs. */
  failed(now: number, error: string): void {
    this.failingSince ??= now;
    this.lastError = error;
  }

  /** A success: the streak ends. */
  succeeded(): void {
    this.failingSince = null;
    this.lastError = null;
  }

  /** The route was given a fresh chance (tried again after a failover): past failures no longer count. */
  reset(): void {
    this.succeeded();
  }

  record(outcome: { kind: string; throttled?: boolean; error?: string }, now: number): void {
    const signal = routeSignal(outcome);
    if (signal === 'ok') this.succeeded();
    else if (signal === 'failing') this.failed(now, outcome.error ?? outcome.kind);
  }

  /** Milliseconds of unbroken failure up to `now` (0 when not failing). */
  failingFor(now: number): number {
    return this.failingSince === null ? 0 : Math.max(0, now - this.failingSince);
  }

  get error(): string | null {
    return this.lastError;
  }
}
