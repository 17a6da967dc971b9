import type { Day, NamedBody, OrganizationLineage } from '@loa/admin-units';
import type { DirectiveFields } from './extract';

/** A body as the API shows it: its code in config/organizations, its name then, and when it ended. */
export interface BodyRef {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly validTo: Day | null;
}

/**
 * Who signed a letter, read against the departments' lineage: the body on the letter's day, the bodies carrying its
 * work today (itself while it exists), and whether it is the caller's organisation or one it grew out of.
 */
export interface LetterSignerView {
  readonly signer: BodyRef;
  readonly now: BodyRef[];
  readonly yours: boolean;
}

export const bodyRef = (b: NamedBody): BodyRef => ({
  code: b.code,
  name: b.name,
  shortName: b.shortName,
  validTo: b.validTo,
});

/** The letter's day, or the first of its month or year when the letter leaves the day blank ("ngày … tháng 9"). */
function letterDay(fields: Pick<DirectiveFields, 'date'>): Day | null {
  const d = fields.date;
  if (!d) return null;
  if (d.iso) return d.iso;
  return `${String(d.year).padStart(4, '0')}-${String(d.month ?? 1).padStart(2, '0')}-01`;
}

/** The letter's signer and what it is today; null when the lineage does not list it. */
export function letterSigner(
  lineage: OrganizationLineage,
  fields: Pick<DirectiveFields, 'issuer' | 'parentAuthority' | 'date'>,
  today: Day,
  organizationLineageCode: string | null,
): LetterSignerView | null {
  const signer = lineage.signerOf(
    { issuer: fields.issuer, parentAuthority: fields.parentAuthority },
    letterDay(fields),
  );
  if (!signer) return null;
  const organization = organizationLineageCode ? lineage.get(organizationLineageCode) : null;
  return {
    signer: bodyRef(signer),
    now: lineage.successorsOn(signer, today).map(bodyRef),
    yours: organization ? lineage.isInLineageOf(signer, organization) : false,
  };
}

/** The name to write to today for a letter's signer: its one successor when it no longer exists, else null. */
export function signerToday(view: LetterSignerView | null): string | null {
  if (!view || view.now.length !== 1 || view.now[0].code === view.signer.code) return null;
  return view.now[0].name;
}
