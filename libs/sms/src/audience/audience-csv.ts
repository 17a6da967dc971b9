/**
 * Pure helpers of the streaming subscriber-list import: finding the phone-number column in a header row, and
 * writing fields in PostgreSQL's COPY text format.
 */

/** Header names (folded: lower case, no diacritics, no spaces or punctuation) that mean "phone number". */
export const PHONE_HEADERS: readonly string[] = [
  'phone',
  'phonenumber',
  'phoneno',
  'mobile',
  'mobilephone',
  'msisdn',
  'tel',
  'telephone',
  'sodienthoai',
  'dienthoai',
  'sodt',
  'sdt',
  'didong',
  'sodidong',
  'sothuebao',
  'thuebao',
];

/** "Số điện thoại" → "sodienthoai": lower case, diacritics removed (đ → d), only letters and digits kept. */
export function foldHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/gu, '');
}

export type PhoneColumn = { index: number; name: string; error: null } | { index: null; name: null; error: string };

/**
 * The phone-number column of a header row: the one named by `requested` (`?column=`, compared folded), or else
 * the first header that folds to one of PHONE_HEADERS. The error says which headers were seen.
 */
export function findPhoneColumn(header: readonly string[], requested?: string | null): PhoneColumn {
  const folded = header.map(foldHeader);
  const seen = header
    .slice(0, 20)
    .map((h) => JSON.stringify(h.slice(0, 40)))
    .join(', ');
  if (requested !== undefined && requested !== null && requested.trim() !== '') {
    const want = foldHeader(requested);
    const index = want === '' ? -1 : folded.indexOf(want);
    if (index < 0) {
      return {
        index: null,
        name: null,
        error: `Không có cột "${requested}" trong dòng tiêu đề / the header row has no column "${requested}" (found: ${seen})`,
      };
    }
    return { index, name: header[index], error: null };
  }
  const index = folded.findIndex((h) => PHONE_HEADERS.includes(h));
  if (index < 0) {
    return {
      index: null,
      name: null,
      error:
        `Không tìm thấy cột số điện thoại (phone, msisdn, so_dien_thoai, sdt, "số điện thoại") trong dòng tiêu đề; ` +
        `chọn cột bằng ?column= / no phone-number column in the header row (found: ${seen}); name it with ?column=`,
    };
  }
  return { index, name: header[index], error: null };
}

/** U+FFFD for NUL, which PostgreSQL text cannot hold. */
const NUL = /\u0000/gu;
const COPY_SPECIAL = /[\\\t\n\r]/gu;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field in COPY … FROM STDIN text format (tab-separated; backslash, tab and line breaks escaped; `\N` is NULL). */
export function copyTextField(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(NUL, '\uFFFD').replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]);
}

/** Headers of a column saying where a subscriber lives (folded as foldHeader does). */
export const PLACE_HEADERS: readonly string[] = [
  'diaban',
  'xaphuong',
  'phuongxa',
  'xa',
  'phuong',
  'commune',
  'ward',
  'area',
  'place',
];

/** The index of the place column: the one named by `requested`, or else the first header of PLACE_HEADERS; -1 if none. */
export function findPlaceColumn(header: readonly string[], requested?: string | null): number {
  const folded = header.map(foldHeader);
  if (requested !== undefined && requested !== null && requested.trim() !== '')
    return folded.indexOf(foldHeader(requested));
  return folded.findIndex((h) => PLACE_HEADERS.includes(h));
}
