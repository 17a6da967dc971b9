/** When a carrier's sending for a campaign pauses by itself: this share of failures over the last `size` outcomes. */
export interface AutoPauseRule {
  /** Outcomes the window holds; 0 turns auto-pause off. */
  readonly size: number;
  /** Failures in the window, in percent, at or above which it trips (1–100). */
  readonly percent: number;
}

/**
 * Whether a window counted outcomes from before the carrier's latest resume for the campaign: it began when this
 * process had last read `resumesAtStart` resumes (0 when it had not asked yet), and PostgreSQL now counts
 * `resumesNow`. A resume since that read may have come before the window's first outcome or after it; either way the
 * window is dropped — dropping only delays a pause by a few outcomes, keeping stale ones could re-pause a carrier an
 * operator has just resumed. No clock is compared, so the worker's and the database's may differ by any amount.
 */
export function countedBeforeResume(resumesAtStart: number, resumesNow: number): boolean {
  return resumesAtStart < resumesNow;
}

/** At most this many different errors are kept as samples for the people told. */
const MAX_SAMPLES = 5;

/**
 * The last `size` send outcomes of one campaign on one carrier, failed or not, with a few sample errors. It trips
 * once full and at or above the rule's share of failures (a carrier refusing a sender name fails everything; an
 * SMSC answering "throttled" now and then does not).
 */
export class FailureWindow {
  private readonly outcomes: boolean[] = [];
  private next = 0;
  private failures = 0;
  private readonly samples = new Map<string, number>();

  constructor(private readonly rule: AutoPauseRule) {}

  record(failed: boolean, error?: string): void {
    if (this.rule.size <= 0) return;
    if (this.outcomes.length < this.rule.size) this.outcomes.push(failed);
    else {
      if (this.outcomes[this.next]) this.failures--;
      this.outcomes[this.next] = failed;
      this.next = (this.next + 1) % this.rule.size;
    }
    if (failed) {
      this.failures++;
      if (error) {
        const text = error.slice(0, 300);
        if (this.samples.has(text) || this.samples.size < MAX_SAMPLES)
          this.samples.set(text, (this.samples.get(text) ?? 0) + 1);
      }
    }
  }

  /** Full, and failing at or above the threshold. */
  get tripped(): boolean {
    return (
      this.rule.size > 0 &&
      this.outcomes.length === this.rule.size &&
      this.failures * 100 >= this.rule.percent * this.rule.size
    );
  }

  /** What the window holds now: failures out of how many, and the sample errors with how often each was seen. */
  get summary(): { failures: number; size: number; samples: Array<{ error: string; count: number }> } {
    return {
      failures: this.failures,
      size: this.outcomes.length,
      samples: [...this.samples].map(([error, count]) => ({ error, count })),
    };
  }
}
