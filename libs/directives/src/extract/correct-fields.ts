import type { DirectiveDate, DirectiveFields } from './types';

/**
 * What an editor corrects in the fields Loa read from a letter: a value replaces the field, `null` (or blank) clears
 * it, an absent key keeps it. The document code is written as on the letter ("1163/STTTT-TTBCXB", "…/UBND-VX"); the
 * date as YYYY-MM-DD; addressees one per entry.
 */
export interface DirectiveCorrections {
  issuer?: string | null;
  documentCode?: string | null;
  subject?: string | null;
  date?: string | null;
  signerTitle?: string | null;
  signerName?: string | null;
  addressees?: string[] | null;
}

export interface CorrectionProblem {
  field: string;
  message: string;
}

const CODE = /^\s*(\d+|…|\.{3})?\s*\/\s*([\p{L}\d][\p{L}\d./-]*)\s*$/u;

const text = (v: string | null | undefined): string | null => {
  const t = v?.normalize('NFC').replace(/\s+/g, ' ').trim() ?? '';
  return t === '' ? null : t;
};

function dateOf(iso: string): DirectiveDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day, iso };
}

/** The fields with the editor's corrections (pure), or the problems, each naming its field. */
export function correctFields(
  fields: DirectiveFields,
  c: DirectiveCorrections,
): { fields: DirectiveFields | null; problems: CorrectionProblem[] } {
  const problems: CorrectionProblem[] = [];
  const next: { -readonly [K in keyof DirectiveFields]: DirectiveFields[K] } = { ...fields };
  if (c.issuer !== undefined) next.issuer = text(c.issuer);
  if (c.subject !== undefined) next.subject = text(c.subject);
  if (c.documentCode !== undefined) {
    const raw = text(c.documentCode);
    const m = raw === null ? null : CODE.exec(raw);
    if (raw !== null && !m)
      problems.push({
        field: 'documentCode',
        message: 'viết như "1163/STTTT-TTBCXB" / write it as "1163/STTTT-TTBCXB"',
      });
    else next.documentCode = m ? { number: m[1] && /^\d+$/.test(m[1]) ? m[1] : null, symbol: m[2] } : null;
  }
  if (c.date !== undefined) {
    const raw = text(c.date);
    const d = raw === null ? null : dateOf(raw);
    if (raw !== null && !d) problems.push({ field: 'date', message: 'ngày dạng YYYY-MM-DD / a YYYY-MM-DD date' });
    else next.date = d;
  }
  if (c.signerTitle !== undefined || c.signerName !== undefined) {
    const title = c.signerTitle !== undefined ? text(c.signerTitle) : (fields.signer?.title ?? null);
    const name = c.signerName !== undefined ? text(c.signerName) : (fields.signer?.name ?? null);
    next.signer = title || name ? { title, name } : null;
  }
  if (c.addressees !== undefined) {
    const list = (c.addressees ?? []).map((a) => text(a)).filter((a): a is string => a !== null);
    next.addressees = list.length ? list : null;
  }
  return problems.length ? { fields: null, problems } : { fields: next, problems: [] };
}

/** The document code as stored beside the fields ("1163/STTTT-TTBCXB", "…/UBND-VX"). */
export function documentCodeText(fields: Pick<DirectiveFields, 'documentCode'>): string | null {
  return fields.documentCode ? `${fields.documentCode.number ?? '…'}/${fields.documentCode.symbol}` : null;
}
