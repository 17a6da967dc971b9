import { AdminUnit, AdminUnitMap, Day, csvDay, csvRows, inForceOn, kindWordOf, nameKey, provinceNamed } from '../map';

/**
 * One body in one period: a department (Sở) of one province between two reorganisations. A body renamed or merged
 * ends (valid_to) and names what it became (successors, in force the next day), so a letter signed by any body of
 * a lineage can be traced to the body that carries its work today.
 */
export interface OrganizationBody {
  /** Stable code of this body and period ("94-stttt", "92-skhcn-2025-07"). */
  readonly code: string;
  /** The department as its letters head it, without its place ("Sở Thông tin và Truyền thông"). */
  readonly department: string;
  /** How an SMS or a list signs it ("Sở TTTT Sóc Trăng"). */
  readonly shortName: string;
  /** The province it belongs to (config/admin-units code in force during its period). */
  readonly unitCode: string;
  readonly validFrom: Day | null;
  readonly validTo: Day | null;
  /** Codes of the bodies it became on the day after validTo. */
  readonly successors: readonly string[];
}

/** A body with its full name as of its period ("Sở Thông tin và Truyền thông tỉnh Sóc Trăng"). */
export interface NamedBody extends OrganizationBody {
  readonly name: string;
}

/** Who signed a letter, as the letter's header reads. */
export interface LetterSigner {
  readonly issuer: string | null;
  readonly parentAuthority: string | null;
}

const COLUMNS = ['code', 'department', 'short_name', 'unit_code', 'valid_from', 'valid_to', 'successors'];

/** config/organizations/lineage.csv: code, department, short_name, unit_code, valid_from, valid_to, successors. */
export function parseLineageCsv(text: string): OrganizationBody[] {
  return csvRows(text, 'lineage.csv', COLUMNS).map((r, i) => {
    const where = `lineage.csv line ${i + 2}`;
    if (!r.code || !r.department || !r.short_name || !r.unit_code)
      throw new Error(`${where}: code, department, short_name and unit_code are required`);
    return {
      code: r.code,
      department: r.department.normalize('NFC'),
      shortName: r.short_name.normalize('NFC'),
      unitCode: r.unit_code,
      validFrom: csvDay(r.valid_from, where),
      validTo: csvDay(r.valid_to, where),
      successors: r.successors
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}

function nextDay(day: Day): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const bodyInForce = (b: OrganizationBody, day: Day): boolean =>
  (b.validFrom === null || b.validFrom <= day) && (b.validTo === null || day <= b.validTo);

/** "Tỉnh Sóc Trăng" → "tỉnh Sóc Trăng" inside a name. */
const lowerKind = (unitName: string): string => unitName.charAt(0).toLowerCase() + unitName.slice(1);

/** "ủy ban nhân dân tỉnh sóc trăng" / "ubnd tỉnh sóc trăng" → "tỉnh sóc trăng". */
function placeOfAuthority(authority: string): string {
  return nameKey(authority, { keepKind: true })
    .replace(/^(?:ủy|uỷ) ban nhân dân |^ubnd /u, '')
    .trim();
}

/**
 * Departments through the reorganisations of 2025, with who became whom. Immutable; build it once
 * (`OrganizationLineage.from`) over the administrative-unit map its bodies sit on.
 */
export class OrganizationLineage {
  private readonly byCode: ReadonlyMap<string, NamedBody>;
  private readonly predecessors: ReadonlyMap<string, readonly NamedBody[]>;

  private constructor(
    private readonly map: AdminUnitMap,
    readonly bodies: readonly NamedBody[],
  ) {
    this.byCode = new Map(bodies.map((b) => [b.code, b]));
    const before = new Map<string, NamedBody[]>();
    for (const b of bodies) for (const s of b.successors) before.set(s, [...(before.get(s) ?? []), b]);
    this.predecessors = before;
  }

  static from(map: AdminUnitMap, bodies: readonly OrganizationBody[]): OrganizationLineage {
    return new OrganizationLineage(
      map,
      bodies.map((b) => ({
        ...b,
        name: `${b.department} ${lowerKind(OrganizationLineage.unitOf(map, b)?.name ?? '')}`.trim(),
      })),
    );
  }

  /** The unit period a body sat on: the one in force on its last day (its first, when it is still in force). */
  private static unitOf(map: AdminUnitMap, b: OrganizationBody): AdminUnit | null {
    const periods = map.find(b.unitCode).filter((u) => u.level === 'province');
    const day = b.validTo ?? b.validFrom;
    return (day ? periods.find((u) => inForceOn(u, day)) : periods[periods.length - 1]) ?? null;
  }

  get(code: string): NamedBody | null {
    return this.byCode.get(code) ?? null;
  }

  /** Everything wrong with the data: unknown successors, gaps between a body and what it became, unknown units. */
  check(): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const b of this.bodies) {
      if (seen.has(b.code)) problems.push(`${b.code}: listed twice`);
      seen.add(b.code);
      if (b.validFrom && b.validTo && b.validFrom > b.validTo) problems.push(`${b.code}: ends before it starts`);
      if (!OrganizationLineage.unitOf(this.map, b)) problems.push(`${b.code}: no province ${b.unitCode} in its period`);
      if (b.validTo && !b.successors.length) problems.push(`${b.code}: ends on ${b.validTo} but names no successor`);
      if (!b.validTo && b.successors.length) problems.push(`${b.code}: is in force yet names successors`);
      for (const code of b.successors) {
        const s = this.byCode.get(code);
        if (!s) problems.push(`${b.code}: successor ${code} is not listed`);
        else if (b.validTo && s.validFrom !== nextDay(b.validTo))
          problems.push(`${b.code}: successor ${code} starts ${s.validFrom ?? '…'}, not the day after ${b.validTo}`);
      }
    }
    return problems;
  }

  /** Bodies by code, or whose full or short name is this one (accents and tone placement as written or not). */
  find(query: string): NamedBody[] {
    const q = nameKey(query, { keepKind: true });
    const exact = this.byCode.get(query.trim());
    if (exact) return [exact];
    return this.bodies.filter(
      (b) => nameKey(b.name, { keepKind: true }) === q || nameKey(b.shortName, { keepKind: true }) === q,
    );
  }

  /**
   * The body that signed a letter on its day: the department named as issuer, of the province its parent authority
   * (or the issuer line itself) names on that day. Null when the lineage does not list it. Without a day, the
   * latest body of that name and place.
   */
  signerOf(letter: LetterSigner, day: Day | null): NamedBody | null {
    if (!letter.issuer) return null;
    const issuer = nameKey(letter.issuer, { keepKind: true });
    const candidates = this.bodies.filter((b) => {
      const dept = nameKey(b.department, { keepKind: true });
      return issuer === dept || issuer.startsWith(`${dept} `);
    });
    for (const b of [...candidates].reverse()) {
      const dept = nameKey(b.department, { keepKind: true });
      const place = issuer.length > dept.length ? issuer.slice(dept.length + 1) : letter.parentAuthority;
      if (!place) continue;
      const on = day ?? b.validTo ?? b.validFrom;
      if (!on || (day && !bodyInForce(b, day))) continue;
      const province = provinceNamed(this.map, placeOfAuthority(place), on);
      if (province?.code === b.unitCode) return b;
    }
    return null;
  }

  /** The bodies carrying a body's work on `day`: itself while in force, else its successors', recursively. */
  successorsOn(body: OrganizationBody, day: Day): NamedBody[] {
    if (bodyInForce(body, day)) return [this.byCode.get(body.code)!];
    if (body.validFrom && day < body.validFrom) return [];
    const out = new Map<string, NamedBody>();
    for (const code of body.successors) {
      const s = this.byCode.get(code);
      if (s) for (const b of this.successorsOn(s, day)) out.set(b.code, b);
    }
    return [...out.values()];
  }

  /** Every body a body grew out of, nearest first (for "formerly"). */
  formerBodiesOf(body: OrganizationBody): NamedBody[] {
    const out: NamedBody[] = [];
    const queue = [...(this.predecessors.get(body.code) ?? [])];
    while (queue.length) {
      const b = queue.shift()!;
      if (out.some((o) => o.code === b.code)) continue;
      out.push(b);
      queue.push(...(this.predecessors.get(b.code) ?? []));
    }
    return out;
  }

  /** Whether a body is `organization` or one of the bodies it grew out of. */
  isInLineageOf(body: OrganizationBody, organization: OrganizationBody): boolean {
    return body.code === organization.code || this.formerBodiesOf(organization).some((b) => b.code === body.code);
  }

  /** The provinces (names as they were) an organisation and its former bodies sat in: "Cần Thơ", "Sóc Trăng", … */
  provincesOf(organization: OrganizationBody): string[] {
    const names = [organization, ...this.formerBodiesOf(organization)].map((b) => {
      const name = OrganizationLineage.unitOf(this.map, b)?.name ?? '';
      const kind = kindWordOf(name);
      return kind ? name.slice(kind.length + 1) : name;
    });
    return [...new Set(names.filter(Boolean))];
  }
}
