/**
 * Vietnamese number reading (pure). Rules, as taught and as read on air:
 * - units after a tens digit ≥ 2: 1 → "mốt", 4 → "tư" (northern; "bốn" in the south), 5 → "lăm";
 *   after "mười": 5 → "lăm", 1 stays "một";
 * - tens: 10 → "mười", 20 → "hai mươi";
 * - a zero tens digit before a unit is "linh" (northern) or "lẻ" (southern): 101 → "một trăm linh một";
 * - inside a larger number every group of three is read in full: 2021 → "hai nghìn không trăm hai mươi mốt";
 * - scales: nghìn (or "ngàn" in the south), triệu, tỷ, then nghìn tỷ, triệu tỷ, tỷ tỷ; empty groups are skipped.
 */
export type Dialect = 'north' | 'south';

export interface ReadingOptions {
  dialect?: Dialect;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function words(dialect: Dialect) {
  return dialect === 'south'
    ? { zeroTens: 'lẻ', thousand: 'ngàn', fourAfterTens: 'bốn' }
    : { zeroTens: 'linh', thousand: 'nghìn', fourAfterTens: 'tư' };
}

/** Reads 0..999; `full` reads "không trăm" and "linh" as needed inside a larger number. */
function readGroup(n: number, full: boolean, dialect: Dialect): string[] {
  const w = words(dialect);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h], 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (h > 0 || full) out.push(w.zeroTens);
      out.push(DIGITS[u]);
    }
  } else if (t === 1) {
    out.push('mười');
    if (u === 5) out.push('lăm');
    else if (u > 0) out.push(DIGITS[u]);
  } else {
    out.push(DIGITS[t], 'mươi');
    if (u === 1) out.push('mốt');
    else if (u === 4) out.push(w.fourAfterTens);
    else if (u === 5) out.push('lăm');
    else if (u > 0) out.push(DIGITS[u]);
  }
  return out;
}

function scaleWord(index: number, dialect: Dialect): string {
  const base = ['', words(dialect).thousand, 'triệu'][index % 3];
  const billions = Array.from({ length: Math.floor(index / 3) }, () => 'tỷ');
  return [base, ...billions].filter(Boolean).join(' ');
}

/** A non-negative integer (number, bigint or a string of digits, leading zeros ignored) in words. */
export function readInteger(value: number | bigint | string, opts: ReadingOptions = {}): string {
  const dialect = opts.dialect ?? 'north';
  const digits = typeof value === 'string' ? value : BigInt(value).toString();
  if (!/^\d+$/.test(digits)) throw new RangeError(`Not a non-negative integer: "${String(value)}"`);
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(trimmed)) return DIGITS[0];
  const groups: number[] = [];
  for (let end = trimmed.length; end > 0; end -= 3) groups.unshift(Number(trimmed.slice(Math.max(0, end - 3), end)));
  const out: string[] = [];
  groups.forEach((g, i) => {
    if (g === 0) return;
    out.push(...readGroup(g, i > 0, dialect));
    const scale = scaleWord(groups.length - 1 - i, dialect);
    if (scale) out.push(scale);
  });
  return out.join(' ');
}

/** Digit by digit, as phone numbers and hotlines are read: "0299" → "không hai chín chín". */
export function readDigits(digits: string): string {
  return [...digits.replace(/\D/g, '')].map((d) => DIGITS[Number(d)]).join(' ');
}

/**
 * A decimal written the Vietnamese way ("3,5"): the integer part, "phẩy", then the fraction read as a number
 * when it is short and has no leading zero ("3,25" → "ba phẩy hai mươi lăm"), else digit by digit.
 */
export function readDecimal(integerPart: string, fraction: string, opts: ReadingOptions = {}): string {
  const frac = fraction.length <= 2 && !fraction.startsWith('0') ? readInteger(fraction, opts) : readDigits(fraction);
  return `${readInteger(integerPart, opts)} phẩy ${frac}`;
}

/** Month names as read: "tháng tư" (not "bốn") for April; others are the plain number. */
export function readMonth(month: number, opts: ReadingOptions = {}): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  return month === 4 ? 'tư' : readInteger(month, opts);
}

/**
 * A calendar date in words. Day, month and year may each be missing (a letter dated "ngày … tháng 9 năm 2021"):
 * readDate(12, 10, 2021) → "ngày mười hai tháng mười năm hai nghìn không trăm hai mươi mốt".
 */
export function readDate(day: number | null, month: number | null, year: number | null, opts: ReadingOptions = {}) {
  const parts: string[] = [];
  if (day !== null) parts.push(`ngày ${readInteger(day, opts)}`);
  if (month !== null) parts.push(`tháng ${readMonth(month, opts)}`);
  if (year !== null) parts.push(`năm ${readInteger(year, opts)}`);
  return parts.join(' ');
}

/** "06:00" → "sáu giờ"; "17:30" → "mười bảy giờ ba mươi phút". */
export function readTime(hours: number, minutes: number, opts: ReadingOptions = {}): string {
  if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59) throw new RangeError(`Invalid time ${hours}:${minutes}`);
  const h = `${readInteger(hours, opts)} giờ`;
  return minutes === 0 ? h : `${h} ${readInteger(minutes, opts)} phút`;
}

/** Ordinals after "thứ": 1 → "nhất", 4 → "tư", others the plain number ("thứ hai", "thứ mười"). */
export function readOrdinal(n: number, opts: ReadingOptions = {}): string {
  if (n === 1) return 'nhất';
  if (n === 4) return 'tư';
  return readInteger(n, opts);
}

/** "3 phút 20 giây" style durations for people (warnings, the CLI). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${rest} giây`;
  return rest === 0 ? `${m} phút` : `${m} phút ${rest} giây`;
}
