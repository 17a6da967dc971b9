/** "Số: 1163/STTTT-TTBCBC" → { number: "1163", symbol: "STTTT-TTBCBC" }; a blank number is null. */
export interface DocumentCode {
  readonly number: string | null;
  readonly symbol: string;
}

/** A possibly partial date: "ngày … tháng 9 năm 2021" has no day, so no ISO form either. */
export interface DirectiveDate {
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  /** YYYY-MM-DD when year, month and day are all known and valid, else null. */
  readonly iso: string | null;
}

export interface DirectiveItem {
  /** As written: "1", "4.1". */
  readonly number: string;
  /** The point's text, wrapped lines joined; separate paragraphs are separated by "\n". */
  readonly text: string;
  /** Roman numeral of the enclosing section ("II" for "II. NỘI DUNG TUYÊN TRUYỀN"), or null. */
  readonly section: string | null;
}

export interface DirectiveReference {
  /** "5069/VP-VX", "24-HD/BTGTU", "30/2021/QH15". */
  readonly code: string;
  /** ISO date written right after the code ("… ngày 28/9/2021"), or null. */
  readonly date: string | null;
}

export interface DirectiveSigner {
  readonly name: string | null;
  /** Title lines joined with " / ": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC". */
  readonly title: string | null;
}

/** Fields read from an official letter. Every field is null when it is not found; lists are never empty. */
export interface DirectiveFields {
  readonly parentAuthority: string | null;
  readonly issuer: string | null;
  readonly documentCode: DocumentCode | null;
  /** Lowercase Vietnamese document kind: "công văn", "hướng dẫn", "kế hoạch", … */
  readonly documentType: string | null;
  readonly place: string | null;
  readonly date: DirectiveDate | null;
  readonly subject: string | null;
  readonly addressees: readonly string[] | null;
  readonly items: readonly DirectiveItem[] | null;
  readonly links: readonly string[] | null;
  readonly references: readonly DirectiveReference[] | null;
  readonly signer: DirectiveSigner | null;
  readonly copyTo: readonly string[] | null;
}

/**
 * A letter's date as the API and the CLI show it (the contract of issue 5): `YYYY-MM-DD` when the day, month and
 * year are all known, `{ year, month }` when the letter leaves part of it blank ("ngày … tháng 9 năm 2021").
 */
export type DirectiveDateView = string | { readonly year: number; readonly month: number | null };

/** DirectiveFields as answered by `GET /api/directives/:id` and printed by `directive parse`. */
export type DirectiveFieldsView = Omit<DirectiveFields, 'date'> & { readonly date: DirectiveDateView | null };
