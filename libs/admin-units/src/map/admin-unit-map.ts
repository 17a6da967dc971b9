import { nameKey, UnitKind } from './unit-names';

/** A day as the law states it, `YYYY-MM-DD` (local Vietnamese day). */
export type Day = string;

export type UnitLevel = 'province' | 'district' | 'commune';

/** One unit in one period: a unit renamed or changed in kind is a new record with the same code. */
export interface AdminUnit {
  code: string;
  level: UnitLevel;
  kind: UnitKind;
  /** Official full name, NFC: "Xã Mỹ Tú", "Thành phố Cần Thơ". */
  name: string;
  parentCode: string | null;
  /** First day in force; null = before the data starts (see `dataStarts`). */
  validFrom: Day | null;
  /** Last day in force; null = in force today. */
  validTo: Day | null;
}

/** "The former unit became (all or part of) the successor" on the successor's first day. */
export interface Succession {
  former: AdminUnit;
  successor: AdminUnit;
  share: 'whole' | 'part';
  basis: 'named' | 'unchanged' | 'district' | 'province-only' | 'renamed';
}

export interface UnitTotals {
  on: Day;
  province: number;
  district: number;
  commune: number;
  kinds?: Partial<Record<UnitKind, number>>;
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The local Vietnamese day of an instant (now by default): the day a map is read on. */
export function vietnamDay(instant: Date = new Date()): Day {
  return instant.toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
}

export function inForceOn(unit: AdminUnit, day: Day): boolean {
  return (unit.validFrom === null || unit.validFrom <= day) && (unit.validTo === null || day <= unit.validTo);
}

/** A unit's period as people read it: "2025-07-01 → " (in force), "… → 2025-06-30". */
export function describePeriod(unit: AdminUnit): string {
  return `${unit.validFrom ?? '…'} → ${unit.validTo ?? ''}`;
}

/**
 * Vietnam's administrative units through time, with what each former unit became. Immutable; build it once
 * (`AdminUnitMap.from`) and share it.
 */
export class AdminUnitMap {
  private readonly byCode = new Map<string, AdminUnit[]>();
  /** Built on the first search by name (most processes only ever look units up by code). */
  private names: { bare: Map<string, AdminUnit[]>; withKind: Map<string, AdminUnit[]> } | null = null;
  private readonly successorsByUnit = new Map<AdminUnit, Succession[]>();
  private readonly predecessorsByUnit = new Map<AdminUnit, Succession[]>();
  private readonly childrenByUnit = new Map<AdminUnit, AdminUnit[]>();

  private constructor(
    readonly units: readonly AdminUnit[],
    readonly successions: readonly Succession[],
    readonly dataStarts: Day,
  ) {
    for (const u of units) {
      push(this.byCode, u.code, u);
    }
    for (const s of successions) {
      push(this.successorsByUnit, s.former, s);
      push(this.predecessorsByUnit, s.successor, s);
    }
    for (const u of units) {
      const parent = this.parentOf(u);
      if (parent) push(this.childrenByUnit, parent, u);
    }
  }

  /**
   * Builds the map from rows that name units by code and period. Throws on a row that points at no unit, so a
   * broken file fails at start, not at a campaign's launch.
   */
  static from(
    units: AdminUnit[],
    successions: Array<
      Omit<Succession, 'former' | 'successor'> & {
        formerCode: string;
        formerValidTo: Day;
        successorCode: string;
        successorValidFrom: Day;
      }
    >,
    dataStarts: Day,
  ): AdminUnitMap {
    const key = (code: string, day: Day | null): string => `${code}@${day ?? ''}`;
    const byEnd = new Map(units.map((u) => [key(u.code, u.validTo), u]));
    const byStart = new Map(units.map((u) => [key(u.code, u.validFrom), u]));
    const resolved = successions.map((s, i) => {
      const former = byEnd.get(key(s.formerCode, s.formerValidTo));
      const successor = byStart.get(key(s.successorCode, s.successorValidFrom));
      if (!former) throw new Error(`succession ${i + 1}: no unit ${s.formerCode} in force until ${s.formerValidTo}`);
      if (!successor)
        throw new Error(`succession ${i + 1}: no unit ${s.successorCode} in force from ${s.successorValidFrom}`);
      return { former, successor, share: s.share, basis: s.basis };
    });
    return new AdminUnitMap(units, resolved, dataStarts);
  }

  /** The unit with this code on this day, if any. */
  unit(code: string, day: Day): AdminUnit | null {
    return (this.byCode.get(code) ?? []).find((u) => inForceOn(u, day)) ?? null;
  }

  /** Every unit in force on the day, provinces first, then by code. */
  at(day: Day): AdminUnit[] {
    return this.units.filter((u) => inForceOn(u, day)).sort(byLevelThenCode);
  }

  /** Every period of every unit with this code, or whose name is this one ("Mỹ Tú", "huyện Mỹ Tú", "TP. Sóc Trăng"). */
  find(query: string): AdminUnit[] {
    const q = query.trim();
    if (/^\d+$/.test(q)) return [...(this.byCode.get(q) ?? [])].sort(byLevelThenCode);
    const names = this.nameIndex();
    const typed = names.withKind.get(nameKey(q, { keepKind: true }));
    const found = typed?.length ? typed : (names.bare.get(nameKey(q)) ?? []);
    return [...found].sort(byLevelThenCode);
  }

  private nameIndex(): { bare: Map<string, AdminUnit[]>; withKind: Map<string, AdminUnit[]> } {
    if (!this.names) {
      const names = { bare: new Map<string, AdminUnit[]>(), withKind: new Map<string, AdminUnit[]>() };
      for (const u of this.units) {
        push(names.bare, nameKey(u.name), u);
        push(names.withKind, nameKey(u.name, { keepKind: true }), u);
      }
      this.names = names;
    }
    return this.names;
  }

  parentOf(unit: AdminUnit): AdminUnit | null {
    if (!unit.parentCode) return null;
    const day = unit.validTo ?? unit.validFrom ?? this.dataStarts;
    return this.unit(unit.parentCode, day);
  }

  childrenOf(unit: AdminUnit): AdminUnit[] {
    return [...(this.childrenByUnit.get(unit) ?? [])];
  }

  /** The province a unit lies in (itself for a province). */
  provinceOf(unit: AdminUnit): AdminUnit {
    let u = unit;
    for (let parent = this.parentOf(u); parent; parent = this.parentOf(u)) u = parent;
    return u;
  }

  successorsOf(unit: AdminUnit): Succession[] {
    return [...(this.successorsByUnit.get(unit) ?? [])];
  }

  predecessorsOf(unit: AdminUnit): Succession[] {
    return [...(this.predecessorsByUnit.get(unit) ?? [])];
  }

  /**
   * What a unit is on a later day: itself while in force, else the units it became, followed through every change.
   * A former commune named in a merger gives its new commune; one known only by its province gives the province.
   */
  asOf(unit: AdminUnit, day: Day): AdminUnit[] {
    if (inForceOn(unit, day)) return [unit];
    const out = new Set<AdminUnit>();
    for (const s of this.successorsOf(unit)) {
      if (s.successor.validFrom !== null && s.successor.validFrom > day) continue;
      for (const u of this.asOf(s.successor, day)) out.add(u);
    }
    return [...out];
  }

  /** The communes (and special zones, wards) an area covers on a day: a province's all, a commune itself. */
  communesUnder(unit: AdminUnit): AdminUnit[] {
    if (unit.level === 'commune') return [unit];
    return this.childrenOf(unit).flatMap((c) => this.communesUnder(c));
  }

  /**
   * Problems with the data, none when it is sound: totals against the official figures, one unit per code and
   * day, parents in force, every former unit carried to a successor.
   */
  check(totals: UnitTotals[]): string[] {
    const problems: string[] = [];
    for (const t of totals) {
      const units = this.at(t.on);
      for (const level of ['province', 'district', 'commune'] as const) {
        const n = units.filter((u) => u.level === level).length;
        if (n !== t[level]) problems.push(`on ${t.on}: ${n} ${level} units, the official total is ${t[level]}`);
      }
      for (const [kind, expected] of Object.entries(t.kinds ?? {})) {
        const n = units.filter((u) => u.kind === kind).length;
        if (n !== expected) problems.push(`on ${t.on}: ${n} units of kind ${kind}, the official total is ${expected}`);
      }
      const seen = new Set<string>();
      for (const u of units) {
        if (seen.has(u.code)) problems.push(`on ${t.on}: code ${u.code} is used by two units`);
        seen.add(u.code);
        if (u.parentCode && !this.unit(u.parentCode, t.on))
          problems.push(`on ${t.on}: ${u.code} ${u.name} has no parent ${u.parentCode}`);
      }
    }
    for (const u of this.units) {
      if (u.validTo !== null && this.successorsOf(u).length === 0)
        problems.push(`${u.code} ${u.name} (until ${u.validTo}) has no successor`);
      if (u.validFrom !== null && u.validTo !== null && u.validFrom > u.validTo)
        problems.push(`${u.code} ${u.name} ends before it starts`);
    }
    return problems;
  }
}

const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

function byLevelThenCode(a: AdminUnit, b: AdminUnit): number {
  return (
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.code.localeCompare(b.code) ||
    (a.validFrom ?? '').localeCompare(b.validFrom ?? '')
  );
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
