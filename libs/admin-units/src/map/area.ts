import { AdminUnit, AdminUnitMap, Day, inForceOn } from './admin-unit-map';
import { kindWordOf, nameKey } from './unit-names';

/** A unit as an API shows it: code, official name, level. */
export interface UnitRef {
  code: string;
  name: string;
  level: AdminUnit['level'];
}

export const unitRef = (u: AdminUnit): UnitRef => ({ code: u.code, name: u.name, level: u.level });

/**
 * The units in force on `day` that a code stands for: the unit itself while in force; for a former unit, what it
 * became (a former district: what its communes became). Empty for a code the map does not know.
 */
export function currentUnitsOf(map: AdminUnitMap, code: string, day: Day): AdminUnit[] {
  const inForce = map.unit(code, day);
  if (inForce) return [inForce];
  const former = map.find(code).filter((u) => u.validTo !== null && u.validTo < day);
  return [...new Set(former.flatMap((u) => unitsNow(map, u, day)))];
}

/** One unit as the units in force on `day`: itself, what it became, or for a former district what its communes became. */
function unitsNow(map: AdminUnitMap, unit: AdminUnit, day: Day): AdminUnit[] {
  if (unit.level !== 'district' || inForceOn(unit, day)) return map.asOf(unit, day);
  return [...new Set(map.communesUnder(unit).flatMap((c) => map.asOf(c, day)))];
}

/**
 * The units of an area on a day. Each code must name a unit in force that day; a former unit is refused with what
 * it became, so the editor picks today's unit (a carrier or a station cannot act on a unit that no longer exists).
 */
export function resolveArea(
  map: AdminUnitMap,
  codes: readonly string[],
  day: Day,
): { units: AdminUnit[]; problems: string[] } {
  const units: AdminUnit[] = [];
  const problems: string[] = [];
  for (const code of codes) {
    const unit = map.unit(code, day);
    if (unit) {
      if (!units.includes(unit)) units.push(unit);
      continue;
    }
    const now = currentUnitsOf(map, code, day);
    if (now.length) {
      const former = map.find(code)[0];
      problems.push(
        `${code} ${former.name} không còn hiệu lực vào ${day}, nay thuộc ${now.map((u) => `${u.code} ${u.name}`).join(', ')} / ` +
          `is not in force on ${day}; it is now part of ${now.map((u) => `${u.code} ${u.name}`).join(', ')}`,
      );
    } else problems.push(`${code}: không có đơn vị hành chính mã này / no administrative unit has this code`);
  }
  return { units, problems };
}

/** Whether a unit in force is one of the area's units or lies under one of them. */
export function isUnder(map: AdminUnitMap, unit: AdminUnit, area: readonly AdminUnit[]): boolean {
  for (let u: AdminUnit | null = unit; u; u = map.parentOf(u)) if (area.includes(u)) return true;
  return false;
}

/**
 * Whether everything a unit code stands for lies inside the area: a commune station inside a province area is;
 * a province portal inside a two-commune area is not; an unknown or empty code never is.
 */
export function liesWithin(map: AdminUnitMap, code: string | null, area: readonly AdminUnit[], day: Day): boolean {
  if (!code) return false;
  const units = currentUnitsOf(map, code, day);
  return units.length > 0 && units.every((u) => isUnder(map, u, area));
}

/** Words that open a unit's name in running text; the name after them starts with a capital letter. */
const KIND_IN_TEXT =
  /(?<![\p{L}\p{N}])(tỉnh|thành phố|tp\.|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(?=\p{Lu}|\d)/giu;

/**
 * The units a letter names ("tỉnh Sóc Trăng", "huyện Mỹ Tú", "xã Phong Nẫm"), former names too, in the order they
 * first appear. A name counts only after its kind word and with a capital letter ("xã hội" is not a commune);
 * when several units share a name, those of a province the letter also names are kept.
 */
export function unitsNamedIn(map: AdminUnitMap, text: string, writtenOn: Day | null = null): AdminUnit[] {
  const source = text.normalize('NFC');
  const named: AdminUnit[][] = [];
  for (const m of source.matchAll(KIND_IN_TEXT)) {
    const start = (m.index ?? 0) + m[0].length;
    // The longest run of capitalised words (or a number: "Phường 5") that names a unit of this kind.
    const words = /^((?:\p{Lu}[\p{L}\p{M}]*|\d+)(?:[ -](?:\p{Lu}[\p{L}\p{M}]*|\d+|[IVX]+\b))*)/u.exec(
      source.slice(start),
    );
    if (!words) continue;
    const parts = words[1].split(' ');
    for (let n = parts.length; n > 0; n--) {
      const candidate = `${m[1].toLowerCase() === 'tp.' ? 'thành phố' : m[1]} ${parts.slice(0, n).join(' ')}`;
      const found = map.find(candidate).filter((u) => sameKindWord(u.name, candidate));
      if (found.length) {
        named.push(periodMeant(found, writtenOn));
        break;
      }
    }
  }
  const provinces = new Set(
    named
      .flat()
      .filter((u) => u.level === 'province')
      .map((u) => u.code),
  );
  const out: AdminUnit[] = [];
  for (const found of named) {
    const inNamedProvince = found.filter((u) => provinces.has(map.provinceOf(u).code));
    for (const u of inNamedProvince.length ? inNamedProvince : found) if (!out.includes(u)) out.push(u);
  }
  return out;
}

/** Of the periods of the units a name matched, those in force when the letter was written, else the latest of each code. */
function periodMeant(found: AdminUnit[], writtenOn: Day | null): AdminUnit[] {
  const then = writtenOn ? found.filter((u) => inForceOn(u, writtenOn)) : [];
  if (then.length) return then;
  const latest = new Map<string, AdminUnit>();
  for (const u of found) {
    const seen = latest.get(u.code);
    if (!seen || (seen.validFrom ?? '') < (u.validFrom ?? '')) latest.set(u.code, u);
  }
  return [...latest.values()];
}

function sameKindWord(officialName: string, written: string): boolean {
  return kindWordOf(officialName) === kindWordOf(written);
}

/**
 * The area to propose for a letter: the provinces in force on `day` that the units it names lie in now (a 2021
 * letter of Sóc Trăng proposes Cần Thơ), and the lower units it names, for the editor to narrow the area to.
 */
export function proposeArea(
  map: AdminUnitMap,
  text: string,
  day: Day,
  writtenOn: Day | null = null,
): { provinces: AdminUnit[]; mentioned: AdminUnit[] } {
  const provinces: AdminUnit[] = [];
  const mentioned: AdminUnit[] = [];
  for (const unit of unitsNamedIn(map, text, writtenOn)) {
    for (const now of map.asOf(unit, day)) {
      const province = map.provinceOf(now);
      if (!provinces.includes(province)) provinces.push(province);
    }
    if (unit.level !== 'province') mentioned.push(unit);
  }
  return { provinces, mentioned };
}

/**
 * The province in force on `day` that a province's name stands for, former names too ("Sóc Trăng" → Cần Thơ); null
 * when no province bears it. For organisations placed by name before their unit code was recorded.
 */
export function provinceNamed(map: AdminUnitMap, name: string, day: Day): AdminUnit | null {
  const provinces = map.find(name).filter((u) => u.level === 'province');
  const now = new Set(provinces.flatMap((u) => map.asOf(u, day)).map((u) => map.provinceOf(u)));
  return now.size === 1 ? [...now][0] : null;
}

/** A unit offered in a picker: its name, code, level and the unit it lies in. */
export interface UnitOption extends UnitRef {
  parentName: string | null;
}

const plain = (s: string): string =>
  nameKey(s, { keepKind: true }).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

/**
 * Units in force on `day` for a picker: those under `within` (itself included), whose name contains the query with
 * or without accents ("my tu" finds "Xã Mỹ Tú"), the province first, then by name; at most `limit`.
 */
export function searchUnits(
  map: AdminUnitMap,
  options: { query: string; within: AdminUnit | null; day: Day; limit: number },
): UnitOption[] {
  const q = plain(options.query.trim());
  const within = options.within;
  const found = map
    .at(options.day)
    .filter((u) => !within || isUnder(map, u, [within]))
    .filter((u) => q === '' || plain(u.name).includes(q) || u.code === options.query.trim());
  found.sort((a, b) => (a.level === b.level ? a.name.localeCompare(b.name, 'vi') : a.level === 'province' ? -1 : 1));
  return found.slice(0, options.limit).map((u) => ({ ...unitRef(u), parentName: map.parentOf(u)?.name ?? null }));
}

/** Whether a subscriber's place, as a list writes it, lies in an area: in, out, or cannot tell. */
export type PlaceVerdict = 'in' | 'out' | 'unknown';

/**
 * Where a list's place column puts a subscriber ("Phường 1", "xã Mỹ Hương", "Mỹ Tú"), read among the units that
 * now lie in the organisation's province, former names too: `in` when every unit the name may mean lies in the area,
 * `out` when none does, `unknown` when the name is not found or means units on both sides.
 */
export function placeVerdict(
  map: AdminUnitMap,
  place: string,
  area: readonly AdminUnit[],
  province: AdminUnit,
  day: Day,
): PlaceVerdict {
  // Each unit the name may mean, as the units in force it is today; only those in the organisation's province.
  const now = map
    .find(place)
    .filter((u) => u.level !== 'province')
    .map((u) => unitsNow(map, u, day))
    .filter((units) => units.length > 0 && units.every((n) => map.provinceOf(n) === province));
  if (!now.length) return 'unknown';
  const inside = now.map((units) => units.every((n) => isUnder(map, n, area)));
  if (inside.every(Boolean)) return 'in';
  if (!inside.some(Boolean) && now.every((units) => units.every((n) => !isUnder(map, n, area)))) return 'out';
  return 'unknown';
}
