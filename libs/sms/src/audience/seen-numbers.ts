/** How many sets the numbers are spread over: a V8 Set holds at most 2^24 entries, so one set would cap a list there. */
const SHARDS = 16;
/** The national number of a routed Vietnamese number ("84" and 9 digits), which fits a small integer (below 2^30); -1 for anything else. */
function nationalNumber(msisdn: string): number {
  if (msisdn.length !== 11 || msisdn.charCodeAt(0) !== 56 || msisdn.charCodeAt(1) !== 52) return -1;
  let n = 0;
  for (let i = 2; i < 11; i++) {
    const digit = msisdn.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * The numbers an import has already taken, to tell a number's first row from its repeats without a second pass
 * over the rows. A routed number is kept as its national number, a small integer (about 10–20 bytes an entry, so
 * a list of a million numbers holds about 20 MB); anything else as its text.
 */
export class SeenNumbers {
  private readonly national: Array<Set<number>> = Array.from({ length: SHARDS }, () => new Set<number>());
  private readonly other = new Set<string>();
  private count = 0;

  /** Whether `msisdn` is new to this list (and from now on it is seen). */
  add(msisdn: string): boolean {
    const nsn = nationalNumber(msisdn);
    // One hash look-up a number: a set grows if and only if the number is new to it.
    let grew: boolean;
    if (nsn >= 0) {
      const shard = this.national[nsn % SHARDS];
      const before = shard.size;
      grew = shard.add(nsn).size !== before;
    } else {
      const before = this.other.size;
      grew = this.other.add(msisdn).size !== before;
    }
    if (grew) this.count++;
    return grew;
  }

  /** How many distinct numbers have been seen. */
  get size(): number {
    return this.count;
  }
}
