/**
 * Builds config/admin-units/{units,successions}.csv from the public datasets named in config/admin-units/SOURCES.md.
 * Run once when the official map changes (not at start, not in CI):
 *
 *   node dist/tools/admin-units/build-admin-units.js --before OLD.json --after JULY2025.json --latest LATEST.json \
 *     --merger donvi_tinhthanh.json [--out config/admin-units]
 *
 * The map before 1 July 2025 (63 provinces, districts, communes) and after it (34 provinces, communes) come with
 * their official codes; which former units make up each new one is read from the merger texts of the national
 * merger map ("trước sáp nhập": "Xã A, Xã B (huyện C) và một phần xã D", or "giữ nguyên" for an unchanged unit).
 * Every former unit gets at least its new province; the `basis` column says how its successor was found.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nameKey, ROMAN_NUMERALS, unitKindOf } from '@loa/admin-units';

interface SourceWard {
  Code: string;
  FullName: string;
}
interface OldProvince {
  Code: string;
  FullName: string;
  District: Array<{ Code: string; FullName: string; Ward: SourceWard[] | null }>;
}
interface NewProvince {
  Code: string;
  FullName: string;
  Wards: SourceWard[];
}
interface MergerRow {
  ma: string;
  ten: string;
  magoc: string;
  truocsapnhap: string;
}

const REFORM_DAY = '2025-07-01';
const BEFORE_REFORM_LAST_DAY = '2025-06-30';

interface UnitRow {
  code: string;
  level: 'province' | 'district' | 'commune';
  name: string;
  parentCode: string;
  validFrom: string;
  validTo: string;
}
interface SuccessionRow {
  formerCode: string;
  formerValidTo: string;
  successorCode: string;
  successorValidFrom: string;
  share: 'whole' | 'part';
  basis: 'named' | 'unchanged' | 'district' | 'province-only' | 'renamed';
}

function args(): Record<string, string> {
  const out: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['before', 'after', 'latest', 'merger']) if (!out[k]) throw new Error(`--${k} FILE is required`);
  return out;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const nfc = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Lower-cased NFC text with one tone-mark convention, for finding names inside a merger text. */
function searchable(text: string): string {
  // nameKey turns a Roman numeral that ends a name into digits; here every one in the text ("Phường V, Phường VII").
  const key = nameKey(text, { keepKind: true });
  return ` ${key.replace(/(?<=\s)(viii|vii|vi|iv|v|iii|ii|i)(?=[\s,.;()]|$)/g, (r) => ROMAN_NUMERALS[r])} `;
}

interface OldCommune {
  code: string;
  name: string;
  districtCode: string;
  districtKey: string;
  provinceCode: string;
}

function main(): void {
  const a = args();
  const before = readJson<OldProvince[]>(a.before);
  const after = readJson<NewProvince[]>(a.after);
  const latest = readJson<NewProvince[]>(a.latest);
  const merger = readJson<MergerRow[]>(a.merger);
  const outDir = a.out ?? 'config/admin-units';

  const units: UnitRow[] = [];
  const successions: SuccessionRow[] = [];

  // The map before the reform.
  const oldCommunes: OldCommune[] = [];
  const districtsByProvince = new Map<string, Array<{ code: string; name: string }>>();
  for (const p of before) {
    units.push({
      code: p.Code,
      level: 'province',
      name: nfc(p.FullName),
      parentCode: '',
      validFrom: '',
      validTo: BEFORE_REFORM_LAST_DAY,
    });
    districtsByProvince.set(p.Code, []);
    for (const d of p.District) {
      units.push({
        code: d.Code,
        level: 'district',
        name: nfc(d.FullName),
        parentCode: p.Code,
        validFrom: '',
        validTo: BEFORE_REFORM_LAST_DAY,
      });
      districtsByProvince.get(p.Code)!.push({ code: d.Code, name: nfc(d.FullName) });
      for (const w of d.Ward ?? []) {
        units.push({
          code: w.Code,
          level: 'commune',
          name: nfc(w.FullName),
          parentCode: d.Code,
          validFrom: '',
          validTo: BEFORE_REFORM_LAST_DAY,
        });
        oldCommunes.push({
          code: w.Code,
          name: nfc(w.FullName),
          districtCode: d.Code,
          districtKey: nameKey(d.FullName),
          provinceCode: p.Code,
        });
      }
    }
  }

  // The map from 1 July 2025, and the units renamed later (same code, new name from the day it changed).
  const latestNames = new Map<string, string>();
  for (const p of latest) {
    latestNames.set(p.Code, nfc(p.FullName));
    for (const w of p.Wards) latestNames.set(w.Code, nfc(w.FullName));
  }
  const renamedOn = a.renamedOn ?? '2026-04-30';
  const dayBefore = (day: string): string =>
    new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const addNew = (code: string, level: 'province' | 'commune', name: string, parentCode: string): void => {
    const now = latestNames.get(code);
    if (now === undefined) throw new Error(`unit ${code} ${name} is missing from --latest`);
    if (unitKindOf(now, level) === unitKindOf(name, level)) {
      // The same unit, or a spelling the source corrected since ("Phó Bảng" → "Phố Bảng"): the later spelling.
      units.push({
        code,
        level,
        name: nameKey(now) === nameKey(name) ? name : now,
        parentCode,
        validFrom: REFORM_DAY,
        validTo: '',
      });
      return;
    }
    // A new kind on a later day (30/2026/QH16: Đồng Nai a municipality, ten communes wards from 30 April 2026).
    units.push({ code, level, name, parentCode, validFrom: REFORM_DAY, validTo: dayBefore(renamedOn) });
    units.push({ code, level, name: now, parentCode, validFrom: renamedOn, validTo: '' });
    successions.push({
      formerCode: code,
      formerValidTo: dayBefore(renamedOn),
      successorCode: code,
      successorValidFrom: renamedOn,
      share: 'whole',
      basis: 'renamed',
    });
  };
  for (const p of after) {
    addNew(p.Code, 'province', nfc(p.FullName), '');
    for (const w of p.Wards) addNew(w.Code, 'commune', nfc(w.FullName), p.Code);
  }

  // Provinces: which former provinces make up each new one.
  const formerProvinces = new Map<string, string[]>();
  const oldProvinceKeys = before.map((p) => ({ code: p.Code, key: nameKey(p.FullName) }));
  for (const row of merger.filter((r) => r.magoc === '0')) {
    const text = searchable(row.truocsapnhap.replace(/TPHCM/g, 'thành phố Hồ Chí Minh'));
    let codes = oldProvinceKeys.filter((p) => new RegExp(`[ ,]${escape(p.key)}[ ,.]`).test(text)).map((p) => p.code);
    if (!codes.length || /giữ nguyên/.test(text)) codes = [row.ma];
    formerProvinces.set(row.ma, codes);
    for (const c of codes)
      successions.push({
        formerCode: c,
        formerValidTo: BEFORE_REFORM_LAST_DAY,
        successorCode: row.ma,
        successorValidFrom: REFORM_DAY,
        share: 'whole',
        basis: codes.length === 1 && c === row.ma ? 'unchanged' : 'named',
      });
  }
  const newProvinceOf = new Map<string, string>();
  for (const [neu, olds] of formerProvinces) for (const o of olds) newProvinceOf.set(o, neu);
  for (const p of before)
    if (!newProvinceOf.has(p.Code)) throw new Error(`former province ${p.Code} ${p.FullName} is in no new province`);
  for (const p of before)
    for (const d of p.District)
      successions.push({
        formerCode: d.Code,
        formerValidTo: BEFORE_REFORM_LAST_DAY,
        successorCode: newProvinceOf.get(p.Code)!,
        successorValidFrom: REFORM_DAY,
        share: 'whole',
        basis: 'district',
      });

  // The merger map's code for a new commune, checked against the official list (one differs there: 00071 is
  // 07147 Phường Hiệp Hòa of Quảng Ninh); a code not in the list is looked up by name in its province.
  const newCommuneCodes = new Set(after.flatMap((p) => p.Wards.map((w) => w.Code)));
  for (const row of merger.filter((r) => r.magoc !== '0' && !newCommuneCodes.has(r.ma))) {
    const match = after
      .find((p) => p.Code === row.magoc)
      ?.Wards.find((w) => nameKey(w.FullName, { keepKind: true }) === nameKey(row.ten, { keepKind: true }));
    if (!match) throw new Error(`merger row ${row.ma} ${row.ten} is not in the official list`);
    process.stdout.write(`merger map code ${row.ma} ${row.ten} read as ${match.Code}\n`);
    row.ma = match.Code;
  }

  // Communes: the former communes named in each new commune's merger text.
  const found = new Map<string, Array<{ successor: string; basis: SuccessionRow['basis'] }>>();
  const note = (former: string, successor: string, basis: SuccessionRow['basis']): void => {
    const list = found.get(former) ?? [];
    if (!list.some((x) => x.successor === successor)) list.push({ successor, basis });
    found.set(former, list);
  };
  const oldByCode = new Map(oldCommunes.map((c) => [c.code, c]));
  let ambiguous = 0;
  for (const row of merger.filter((r) => r.magoc !== '0')) {
    const provinces = formerProvinces.get(row.magoc) ?? [];
    const candidates = oldCommunes.filter((c) => provinces.includes(c.provinceCode));
    const text = searchable(row.truocsapnhap);
    if (/giữ nguyên/.test(text)) {
      const same = oldByCode.get(row.ma) ?? candidates.find((c) => nameKey(c.name) === nameKey(row.ten));
      if (same) note(same.code, row.ma, 'unchanged');
      continue;
    }
    // A whole former district named (the island districts that became special zones).
    for (const p of provinces)
      for (const d of districtsByProvince.get(p) ?? [])
        if (namedOutsideParentheses(text, nameKey(d.name, { keepKind: true })))
          for (const c of candidates.filter((x) => x.districtCode === d.code)) note(c.code, row.ma, 'district');
    // Names, longest first, each stretch of text used once; typed names ("thị trấn X") before bare ones ("X").
    const byName = new Map<string, OldCommune[]>();
    for (const c of candidates) {
      for (const key of [nameKey(c.name, { keepKind: true }), nameKey(c.name)]) {
        const list = byName.get(key) ?? [];
        list.push(c);
        byName.set(key, list);
      }
    }
    const taken = new Array<boolean>(text.length).fill(false);
    for (const name of [...byName.keys()].sort((x, y) => y.length - x.length)) {
      const re = new RegExp(`(?<=[\\s,;(])${escape(name)}(?=[\\s,.;()])`, 'g');
      for (const m of text.matchAll(re)) {
        const start = m.index ?? 0;
        const end = start + name.length;
        if (taken.slice(start, end).some(Boolean)) continue;
        // "(huyện X)" right after the name: a qualifier, not a commune.
        if (/\((huyện|quận|thị xã|thành phố)\s*$/.test(text.slice(Math.max(0, start - 14), start))) continue;
        taken.fill(true, start, end);
        let matches = byName.get(name)!;
        const qualifier = /^\s*\((huyện|quận|thị xã|thành phố) ([^)]+)\)/.exec(text.slice(end));
        if (qualifier && matches.length > 1) {
          const q = nameKey(qualifier[2]);
          const inDistrict = matches.filter((c) => c.districtKey === q);
          if (inDistrict.length) matches = inDistrict;
        }
        if (matches.length > 1) {
          ambiguous += 1;
          const same = matches.filter((c) => c.code === row.ma);
          const districtOfCode = oldByCode.get(row.ma)?.districtCode;
          const sameDistrict = matches.filter((c) => c.districtCode === districtOfCode);
          matches = same.length ? same : sameDistrict.length ? sameDistrict : [closestByCode(matches, row.ma)];
          if (matches.length > 1) matches = [closestByCode(matches, row.ma)];
        }
        for (const c of matches) note(c.code, row.ma, 'named');
      }
    }
  }
  // Names the two sources spell differently ("Bình Lăng" / "Bình Lãng"): without diacritics, if only one text has it.
  const plainTexts = merger
    .filter((r) => r.magoc !== '0')
    .map((r) => ({ code: r.ma, province: r.magoc, text: ` ${withoutDiacritics(searchable(r.truocsapnhap))} ` }));
  for (const c of oldCommunes.filter((x) => !found.has(x.code))) {
    const plain = withoutDiacritics(nameKey(c.name, { keepKind: true }));
    const re = new RegExp(`(?<=[\\s,;(])${escape(plain)}(?=[\\s,.;()])`);
    const hits = plainTexts.filter((t) => t.province === newProvinceOf.get(c.provinceCode) && re.test(t.text));
    if (hits.length === 1) note(c.code, hits[0].code, 'named');
  }
  let provinceOnly = 0;
  for (const c of oldCommunes) {
    const list = found.get(c.code);
    if (!list) {
      provinceOnly += 1;
      successions.push({
        formerCode: c.code,
        formerValidTo: BEFORE_REFORM_LAST_DAY,
        successorCode: newProvinceOf.get(c.provinceCode)!,
        successorValidFrom: REFORM_DAY,
        share: 'whole',
        basis: 'province-only',
      });
      continue;
    }
    for (const s of list)
      successions.push({
        formerCode: c.code,
        formerValidTo: BEFORE_REFORM_LAST_DAY,
        successorCode: s.successor,
        successorValidFrom: REFORM_DAY,
        share: list.length > 1 ? 'part' : 'whole',
        basis: s.basis,
      });
  }

  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'units.csv'),
    [
      'code,level,kind,name,parent_code,valid_from,valid_to',
      ...units.map((u) =>
        [u.code, u.level, unitKindOf(u.name, u.level), csv(u.name), u.parentCode, u.validFrom, u.validTo].join(','),
      ),
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(outDir, 'successions.csv'),
    [
      'former_code,former_valid_to,successor_code,successor_valid_from,share,basis',
      ...successions.map((s) =>
        [s.formerCode, s.formerValidTo, s.successorCode, s.successorValidFrom, s.share, s.basis].join(','),
      ),
    ].join('\n') + '\n',
  );
  process.stdout.write(
    `${units.length} units, ${successions.length} successions; former communes: ${oldCommunes.length - provinceOnly} with a named successor, ${provinceOnly} with their province only; ${ambiguous} same-name matches settled by district or code\n`,
  );
}

function closestByCode<T extends { code: string }>(list: T[], code: string): T {
  return list.reduce((best, c) =>
    Math.abs(Number(c.code) - Number(code)) < Math.abs(Number(best.code) - Number(code)) ? c : best,
  );
}

/** "huyện X" standing for itself, not as the "(huyện X)" that tells which commune of two namesakes is meant. */
function namedOutsideParentheses(text: string, key: string): boolean {
  return new RegExp(`(?<!\\(\\s*)(?<=[\\s,;])${escape(key)}(?=[\\s,.;])`).test(text);
}

function withoutDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function csv(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

main();
