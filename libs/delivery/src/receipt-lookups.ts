/** A carrier's message ids whose early receipts (early_receipts) are to be looked up. */
export interface ReceiptLookup {
  carrierCode: string;
  providerMessageIds: string[];
}

/**
 * Message ids a batch has stored whose receipts may have come first, waiting to be looked up in early_receipts.
 * The look-up must start after the store that wrote the ids has committed (each side writes first and reads second:
 * see ReceiptSettlement), so ids are added only once their store has returned, and the next store to start carries
 * their look-up in its own statement instead of a round trip of its own; what is left when the batch ends is looked
 * up then. Pure bookkeeping, no I/O.
 */
export class PendingReceiptLookups {
  private readonly byCarrier = new Map<string, string[]>();

  /** Ids whose store has committed. */
  add(lookups: Iterable<ReceiptLookup>): void {
    for (const { carrierCode, providerMessageIds } of lookups) {
      if (!providerMessageIds.length) continue;
      const ids = this.byCarrier.get(carrierCode);
      if (ids) ids.push(...providerMessageIds);
      else this.byCarrier.set(carrierCode, [...providerMessageIds]);
    }
  }

  /** One carrier's pending ids, now this caller's to look up (a statement asks about one carrier), or null. */
  take(): ReceiptLookup | null {
    const first = this.byCarrier.entries().next();
    if (first.done) return null;
    const [carrierCode, providerMessageIds] = first.value;
    this.byCarrier.delete(carrierCode);
    return { carrierCode, providerMessageIds };
  }

  /** Everything pending, now the caller's (the batch ends). */
  drain(): ReceiptLookup[] {
    const all = [...this.byCarrier].map(([carrierCode, providerMessageIds]) => ({ carrierCode, providerMessageIds }));
    this.byCarrier.clear();
    return all;
  }
}
