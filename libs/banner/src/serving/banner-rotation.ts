/** A banner that may be shown on a portal, as rotation sees it. */
export interface RotationCandidate {
  campaignId: string;
  /** Relative share of views among the campaigns showing at the same time (the plan's priority, 1–5). */
  weight: number;
  /** An emergency campaign takes every view while it shows. */
  emergency: boolean;
  startsAtMs: number;
  endsAtMs: number;
}

/**
 * Those that may show at `nowMs`: inside their window; only the emergency ones when any emergency campaign is
 * showing.
 */
export function showingNow<T extends RotationCandidate>(candidates: readonly T[], nowMs: number): T[] {
  const inWindow = candidates.filter((c) => nowMs >= c.startsAtMs && nowMs < c.endsAtMs);
  const emergency = inWindow.filter((c) => c.emergency);
  return emergency.length ? emergency : inWindow;
}

/**
 * Smooth weighted round robin (as nginx balances upstreams): over any run of views each campaign gets its share
 * of the weights, spread evenly rather than in bursts, and with equal weights it is plain alternation. Pure; one
 * instance per portal.
 */
export class SmoothWeightedRotation {
  private readonly current = new Map<string, number>();

  next<T extends RotationCandidate>(showing: readonly T[]): T | null {
    if (showing.length === 0) return null;
    if (showing.length === 1) return showing[0];
    let total = 0;
    let best: T | null = null;
    let bestValue = -Infinity;
    for (const c of showing) {
      const weight = Math.max(1, c.weight);
      total += weight;
      const value = (this.current.get(c.campaignId) ?? 0) + weight;
      this.current.set(c.campaignId, value);
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    const chosen = best as T;
    this.current.set(chosen.campaignId, bestValue - total);
    if (this.current.size > showing.length * 4) this.forgetAllBut(showing);
    return chosen;
  }

  private forgetAllBut(showing: readonly RotationCandidate[]): void {
    const keep = new Set(showing.map((c) => c.campaignId));
    for (const id of this.current.keys()) if (!keep.has(id)) this.current.delete(id);
  }
}
