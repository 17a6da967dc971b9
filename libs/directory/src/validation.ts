/**
 * Pure rules of the directory (agencies, portals, stations): text, codes, URLs, relay levels, cycles, broadcast
 * slots, time zones. No Nest, no I/O; every message is Vietnamese first, then English.
 */
import type { StationLevel } from '@loa/db';
import type { FieldProblem } from './errors';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(message: string): Check<T> => ({ ok: false, message });

export const STATION_LEVEL_RANK: Record<StationLevel, number> = { province: 0, district: 1, commune: 2 };
export const STATION_LEVEL_VALUES = Object.keys(STATION_LEVEL_RANK) as StationLevel[];
const LEVEL_VI: Record<StationLevel, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };

/** Matches the CHECK constraint on stations.region (it picks the text-to-speech voice). */
export const STATION_REGION_VALUES = ['north', 'central', 'south'] as const;
export type StationRegionValue = (typeof STATION_REGION_VALUES)[number];

export interface StationSlotValue {
  start: string;
  minutes: number;
}

/** Slot length when an import names only the start ("06:00"). */
export const DEFAULT_SLOT_MINUTES = 30;
export const MAX_SLOT_MINUTES = 240;
export const DEFAULT_STATION_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// C0/C1 controls, and the bidirectional overrides that make a name display differently from what it is.
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** A one-line human text (a name): NFC, trimmed, not empty, no control or bidi-override characters. */
export function singleLine(raw: unknown, max = 200): Check<string> {
  if (typeof raw !== 'string') return fail('phải là chuỗi ký tự / must be a string');
  const value = raw.normalize('NFC').trim();
  if (!value) return fail('không được để trống / must not be empty');
  if (value.length > max) return fail(`dài quá ${max} ký tự / longer than ${max} characters`);
  if (FORBIDDEN_IN_LINE.test(value))
    return fail('chứa ký tự điều khiển không hợp lệ / contains control or bidi-override characters');
  return ok(value);
}

const CODE_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A directory code (a-z, 0-9, hyphen; 1–64 characters), lower-cased. */
export function directoryCode(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return fail('phải là chuỗi ký tự / must be a string');
  const value = raw.normalize('NFC').trim().toLowerCase();
  if (!CODE_RE.test(value))
    return fail(
      `mã "${value.slice(0, 70)}" không hợp lệ: chỉ a-z, 0-9 và dấu gạch ngang, tối đa 64 ký tự / code must be a-z, 0-9 and hyphens, at most 64 characters`,
    );
  return ok(value);
}

/** A portal address: absolute http(s) URL without credentials. */
export function httpUrl(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return fail('phải là chuỗi ký tự / must be a string');
  const value = raw.normalize('NFC').trim();
  if (value.length > 2048) return fail('địa chỉ quá dài / URL is too long');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('không phải địa chỉ web hợp lệ / not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return fail('chỉ chấp nhận địa chỉ http hoặc https / only http and https URLs are accepted');
  if (url.username || url.password)
    return fail('địa chỉ không được chứa tên đăng nhập hay mật khẩu / URL must not carry credentials');
  if (!url.hostname) return fail('thiếu tên miền / URL has no host');
  return ok(value);
}

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

/** An email address (lower-cased); the DTO checks the syntax in depth, this keeps pure callers honest. */
export function emailAddress(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return fail('phải là chuỗi ký tự / must be a string');
  const value = raw.normalize('NFC').trim().toLowerCase();
  if (value.length > 254 || !EMAIL_RE.test(value))
    return fail('địa chỉ email không hợp lệ / not a valid email address');
  return ok(value);
}

/**
 * A Vietnamese mobile number in any common form ("0912 345 678", "+84 912.345.678", "84912345678"), normalised to
 * 84 followed by 9 digits. Which carrier serves it is the SMS library's question, asked when a message goes.
 */
export function mobileNumber(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return fail('phải là chuỗi ký tự / must be a string');
  const digits = raw
    .normalize('NFC')
    .replace(/[\s.\-()]/g, '')
    .replace(/^\+/, '');
  const national = digits.startsWith('84') ? digits.slice(2) : digits.replace(/^0/, '');
  if (!/^[35789]\d{8}$/.test(national))
    return fail('số di động không hợp lệ, ví dụ 0912 345 678 / not a Vietnamese mobile number, e.g. 0912 345 678');
  return ok(`84${national}`);
}

export function stationLevel(raw: unknown): Check<StationLevel> {
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (typeof value === 'string' && value in STATION_LEVEL_RANK) return ok(value as StationLevel);
  return fail('cấp đài phải là province, district hoặc commune / level must be province, district or commune');
}

/**
 * Whether a station of `child` level may relay (tiếp âm) one of `parent` level: the parent is strictly higher
 * (province → district → commune; the district tier may be absent, so a commune may relay the province).
 */
export function canRelay(child: StationLevel, parent: StationLevel): boolean {
  return STATION_LEVEL_RANK[parent] < STATION_LEVEL_RANK[child];
}

/** Why `child` cannot relay `parent`, or null when it can. */
export function relayProblem(child: StationLevel, parent: StationLevel): string | null {
  if (canRelay(child, parent)) return null;
  if (child === 'province') return 'đài cấp tỉnh không tiếp âm đài nào / a province station relays no other station';
  return `đài cấp ${LEVEL_VI[child]} chỉ tiếp âm đài cấp cao hơn, không tiếp âm đài cấp ${LEVEL_VI[parent]} / a ${child} station can only relay a higher level, not a ${parent} station`;
}

export function stationRegion(raw: unknown): Check<StationRegionValue | null> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return ok(null);
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if ((STATION_REGION_VALUES as readonly unknown[]).includes(value)) return ok(value as StationRegionValue);
  return fail('vùng phải là north, central hoặc south / region must be north, central or south');
}

/** Administrative unit code (mã đơn vị hành chính); blank means not recorded. */
export function adminUnitCode(raw: unknown): Check<string | null> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return ok(null);
  if (typeof raw !== 'string') return fail('phải là chuỗi ký tự / must be a string');
  const value = raw.trim();
  if (!/^[0-9A-Za-z.-]{1,16}$/.test(value))
    return fail('mã đơn vị hành chính không hợp lệ / administrative unit code must be 1–16 letters or digits');
  return ok(value);
}

/** A unit code the map knows (when a map is given): a station sits on a real unit, today's or a former one. */
function knownUnit(c: Check<string | null>, isKnownUnit?: (code: string) => boolean): Check<string | null> {
  if (!c.ok || c.value === null || !isKnownUnit || isKnownUnit(c.value)) return c;
  return fail(
    `không có đơn vị hành chính mã ${c.value} (npm run loa -- units find TÊN) / no administrative unit has code ${c.value}`,
  );
}

/** An IANA time zone the runtime knows (slots are computed in it); blank means Asia/Ho_Chi_Minh. */
export function timeZone(raw: unknown): Check<string> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))
    return ok(DEFAULT_STATION_TIME_ZONE);
  if (typeof raw !== 'string' || raw.length > 64) return fail('múi giờ không hợp lệ / invalid time zone');
  const value = raw.trim();
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return fail(`múi giờ "${value}" không tồn tại / unknown time zone "${value}"`);
  }
  return ok(value);
}

const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Daily broadcast slots: each "HH:MM" with 1–240 minutes, no two at the same time, none overlapping the next
 * (a slot running past midnight is checked against the first slot of the day). Returned sorted by time.
 */
export function broadcastSlots(raw: unknown): Check<StationSlotValue[]> {
  if (raw === null || raw === undefined) return ok([]);
  if (typeof raw === 'string') return parseSlotsText(raw);
  if (!Array.isArray(raw)) return fail('khung giờ phát phải là danh sách / slots must be a list');
  if (raw.length > 24) return fail('tối đa 24 khung giờ mỗi ngày / at most 24 slots a day');
  const slots: StationSlotValue[] = [];
  for (const s of raw) {
    const start = (s as { start?: unknown })?.start;
    const minutes = (s as { minutes?: unknown })?.minutes;
    if (typeof start !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(start))
      return fail(`giờ bắt đầu "${String(start)}" phải có dạng HH:MM / slot start must be HH:MM`);
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SLOT_MINUTES)
      return fail(`thời lượng khung ${start} phải từ 1 đến ${MAX_SLOT_MINUTES} phút / slot minutes must be 1–240`);
    slots.push({ start, minutes });
  }
  slots.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 0; i < slots.length; i++) {
    const cur = slots[i];
    const next = slots[(i + 1) % slots.length];
    if (i + 1 < slots.length && next.start === cur.start)
      return fail(`khung giờ ${cur.start} bị lặp / slot ${cur.start} is listed twice`);
    if (slots.length < 2) break;
    const end = minutesOfDay(cur.start) + cur.minutes;
    const nextStart = minutesOfDay(next.start) + (i + 1 < slots.length ? 0 : 24 * 60);
    if (end > nextStart)
      return fail(
        `khung ${cur.start} (${cur.minutes} phút) chồng lên khung ${next.start} / slot ${cur.start} overlaps ${next.start}`,
      );
  }
  return ok(slots);
}

/**
 * Slots as written in an import file: "05:30;17:00", each optionally with its length in minutes ("05:30/20");
 * a start alone lasts DEFAULT_SLOT_MINUTES. Blank means none (the station then airs at the default times).
 */
export function parseSlotsText(text: string): Check<StationSlotValue[]> {
  const parts = text
    .split(/[;|]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const slots: StationSlotValue[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})(?:\s*\/\s*(\d{1,3}))?$/.exec(p);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
      return fail(
        `khung giờ "${p.slice(0, 20)}" phải có dạng HH:MM hoặc HH:MM/phút / slot must be HH:MM or HH:MM/minutes`,
      );
    slots.push({ start: `${m[1].padStart(2, '0')}:${m[2]}`, minutes: m[3] ? Number(m[3]) : DEFAULT_SLOT_MINUTES });
  }
  return broadcastSlots(slots);
}

/** A station's place in the relay tree, by code. */
export interface TreeNode {
  code: string;
  level: StationLevel;
  parentCode: string | null;
}

/** A cycle in parent links (codes in order, the first repeated at the end), or null. */
export function findCycle(nodes: ReadonlyArray<Pick<TreeNode, 'code' | 'parentCode'>>): string[] | null {
  const parentOf = new Map(nodes.map((n) => [n.code, n.parentCode]));
  const done = new Set<string>();
  for (const start of parentOf.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | null | undefined = start;
    while (cur && !done.has(cur) && parentOf.has(cur)) {
      if (onPath.has(cur)) return [...path.slice(path.indexOf(cur)), cur];
      onPath.add(cur);
      path.push(cur);
      cur = parentOf.get(cur);
    }
    for (const c of path) done.add(c);
  }
  return null;
}

/**
 * Every problem in a relay tree: a parent that is missing (not in this organisation), the station itself,
 * of a level that cannot be relayed, or a cycle. Each problem names the station (child) it is about.
 */
export function checkStationTree(nodes: readonly TreeNode[]): Array<{ code: string; message: string }> {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const problems: Array<{ code: string; message: string }> = [];
  for (const n of nodes) {
    if (!n.parentCode) continue;
    if (n.parentCode === n.code) {
      problems.push({ code: n.code, message: 'đài không thể tiếp âm chính nó / a station cannot relay itself' });
      continue;
    }
    const parent = byCode.get(n.parentCode);
    if (!parent) {
      problems.push({
        code: n.code,
        message: `không tìm thấy đài cấp trên "${n.parentCode}" trong đơn vị / parent station "${n.parentCode}" not found in this organisation`,
      });
      continue;
    }
    const relay = relayProblem(n.level, parent.level);
    if (relay) problems.push({ code: n.code, message: `${relay} (${n.parentCode})` });
  }
  const cycle = findCycle(nodes.filter((n) => n.parentCode !== n.code)); // self-relay is reported above
  if (cycle)
    problems.push({
      code: cycle[0],
      message: `vòng tiếp âm: ${cycle.join(' → ')} / relay cycle: ${cycle.join(' → ')}`,
    });
  return problems;
}

/** What a station is made of once validated (JSON body or CSV row). */
export interface StationFields {
  code: string;
  name: string;
  level: StationLevel;
  parentCode: string | null;
  adminUnitCode: string | null;
  region: StationRegionValue | null;
  broadcastSlots: StationSlotValue[];
  timeZone: string;
  /** Who runs the station (reminded when it does not pull or air); null when not recorded. */
  contactEmail: string | null;
}

/** A station as given (strings from a file, or a JSON body); slots as text or as a list. */
export interface StationDraft {
  code?: unknown;
  name?: unknown;
  level?: unknown;
  parentCode?: unknown;
  adminUnitCode?: unknown;
  region?: unknown;
  broadcastSlots?: unknown;
  timeZone?: unknown;
  contactEmail?: unknown;
}

/** Validates every field of one station, collecting all problems (tagged with `line` when given). */
export function validateStation(
  d: StationDraft,
  line?: number,
  /** Whether the map of administrative units (config/admin-units) knows a unit code, former codes included. */
  isKnownUnit?: (code: string) => boolean,
): { value: StationFields; problems: [] } | { value: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const take = <T>(field: string, c: Check<T>): T | undefined => {
    if (c.ok) return c.value;
    problems.push({ ...(line !== undefined ? { line } : {}), field, message: `${field}: ${c.message}` });
    return undefined;
  };
  const code = take('code', directoryCode(d.code));
  const name = take('name', singleLine(d.name));
  const level = take('level', stationLevel(d.level));
  const blankParent = d.parentCode === null || d.parentCode === undefined || d.parentCode === '';
  const parentCode = blankParent ? null : take('parentCode', directoryCode(d.parentCode));
  const unit = take('adminUnitCode', knownUnit(adminUnitCode(d.adminUnitCode), isKnownUnit));
  const region = take('region', stationRegion(d.region));
  const slots = take('broadcastSlots', broadcastSlots(d.broadcastSlots));
  const tz = take('timeZone', timeZone(d.timeZone));
  const blankContact = d.contactEmail === null || d.contactEmail === undefined || d.contactEmail === '';
  const contact = blankContact ? null : take('contactEmail', emailAddress(d.contactEmail));
  if (problems.length) return { value: null, problems };
  return {
    value: {
      code: code!,
      name: name!,
      level: level!,
      parentCode: parentCode ?? null,
      adminUnitCode: unit ?? null,
      region: region ?? null,
      broadcastSlots: slots!,
      timeZone: tz!,
      contactEmail: contact ?? null,
    },
    problems: [],
  };
}
