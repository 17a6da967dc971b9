import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { LetterFileError, corrupt } from './letter-file-error';

/** Zip-bomb guards, checked on the declared entry sizes before anything is inflated. */
export const DOCX_LIMITS = {
  /** Total uncompressed size of all entries. */
  maxUncompressedBytes: 20 * 1024 * 1024,
  /** Uncompressed / compressed, for an entry (or the whole archive) larger than `ratioFloorBytes`. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 2000,
} as const;

const MAIN_PART = 'word/document.xml';

/** Tables with at most this many grid columns are layout (Decree 30 header and footer): read column by column. */
const LAYOUT_TABLE_MAX_COLUMNS = 3;

/** A node of fast-xml-parser's `preserveOrder` tree: one tag name key (children) and maybe ':@' (attributes). */
type XmlNode = Record<string, unknown>;

function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const c = tag ? node[tag] : null;
  return Array.isArray(c) ? (c as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  const a = node[':@'] as Record<string, unknown> | undefined;
  const v = a?.[name];
  return typeof v === 'string' ? v : undefined;
}

function child(node: XmlNode, tag: string): XmlNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

function tooLarge(detail: string): LetterFileError {
  return new LetterFileError(
    'too_large_uncompressed',
    `Tệp DOCX giải nén quá lớn (nghi là "bom zip") / the DOCX inflates too much (a zip bomb?): ${detail}`,
  );
}

/** The main part's XML, refusing archives whose declared sizes are too large before inflating anything. */
function mainPartXml(bytes: Uint8Array): string {
  let total = 0;
  let compressed = 0;
  let entries = 0;
  let hasMain = false;
  try {
    unzipSync(bytes, {
      filter(f) {
        entries += 1;
        total += f.originalSize;
        compressed += f.size;
        if (f.name === MAIN_PART) hasMain = true;
        if (f.originalSize > DOCX_LIMITS.ratioFloorBytes && f.originalSize > DOCX_LIMITS.maxRatio * f.size) {
          throw tooLarge(`${f.name}: ${f.size} → ${f.originalSize} bytes`);
        }
        return false;
      },
    });
  } catch (e) {
    if (e instanceof LetterFileError) throw e;
    throw corrupt('docx', (e as Error).message);
  }
  if (entries > DOCX_LIMITS.maxEntries) throw tooLarge(`${entries} entries`);
  if (total > DOCX_LIMITS.maxUncompressedBytes) throw tooLarge(`${total} bytes in total`);
  if (total > DOCX_LIMITS.ratioFloorBytes && total > DOCX_LIMITS.maxRatio * Math.max(compressed, 1)) {
    throw tooLarge(`${compressed} → ${total} bytes`);
  }
  if (!hasMain) throw corrupt('docx', `no ${MAIN_PART}`);
  let files: Record<string, Uint8Array>;
  try {
    // fflate inflates into a buffer of the declared size, so a lying header cannot make it inflate more.
    files = unzipSync(bytes, { filter: (f) => f.name === MAIN_PART });
  } catch (e) {
    throw corrupt('docx', (e as Error).message);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(files[MAIN_PART]);
  } catch {
    throw corrupt('docx', `${MAIN_PART} is not UTF-8`);
  }
}

function parseXml(xml: string): XmlNode[] {
  // Word never writes a DTD; refusing one rules out entity-expansion attacks whatever the parser does with it.
  if (/<!DOCTYPE/i.test(xml)) throw corrupt('docx', 'DOCTYPE in document.xml');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw corrupt('docx', `${MAIN_PART}: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
  });
  return parser.parse(xml) as XmlNode[];
}

/** Inline content that is not text: field instructions, deleted runs, properties. */
const SKIPPED_INLINE = new Set(['w:instrText', 'w:delText', 'w:del', 'w:pPr', 'w:rPr', 'w:fldChar', 'mc:Fallback']);

/** The lines of a paragraph (a `w:br` starts a new line); text boxes inside it become lines of their own. */
function paragraphLines(p: XmlNode): string[] {
  const lines: string[] = [''];
  const boxes: string[] = [];
  const walk = (nodes: XmlNode[]): void => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (!tag || SKIPPED_INLINE.has(tag)) continue;
      if (tag === '#text') continue; // whitespace between tags; text lives in w:t only
      if (tag === 'w:t') {
        lines[lines.length - 1] += childrenOf(n)
          .map((t) => (typeof t['#text'] === 'string' ? t['#text'] : ''))
          .join('');
      } else if (tag === 'w:tab' || tag === 'w:ptab') lines[lines.length - 1] += '\t';
      else if (tag === 'w:br' || tag === 'w:cr') lines.push('');
      else if (tag === 'w:noBreakHyphen') lines[lines.length - 1] += '-';
      else if (tag === 'w:txbxContent') boxes.push(...blockLines(childrenOf(n)));
      else walk(childrenOf(n));
    }
  };
  walk(childrenOf(p));
  return [...lines, ...boxes];
}

interface Cell {
  readonly column: number;
  readonly node: XmlNode;
}

/** Rows of cells placed on the table grid (a cell spanning columns sits at its first column). */
function tableGrid(tbl: XmlNode): Cell[][] {
  const rows: Cell[][] = [];
  const rowsOf = (nodes: XmlNode[]): XmlNode[] =>
    nodes.flatMap((n) => (tagOf(n) === 'w:tr' ? [n] : tagOf(n) === 'w:sdt' ? rowsOf(sdtContent(n)) : []));
  for (const tr of rowsOf(childrenOf(tbl))) {
    const cells: Cell[] = [];
    let column = 0;
    const before = child(child(tr, 'w:trPr') ?? {}, 'w:gridBefore');
    column += Number(before ? attr(before, 'w:val') : 0) || 0;
    const cellsOf = (nodes: XmlNode[]): XmlNode[] =>
      nodes.flatMap((n) => (tagOf(n) === 'w:tc' ? [n] : tagOf(n) === 'w:sdt' ? cellsOf(sdtContent(n)) : []));
    for (const tc of cellsOf(childrenOf(tr))) {
      cells.push({ column, node: tc });
      const span = child(child(tc, 'w:tcPr') ?? {}, 'w:gridSpan');
      column += Math.max(1, Number(span ? attr(span, 'w:val') : 1) || 1);
    }
    rows.push(cells);
  }
  return rows;
}

function sdtContent(sdt: XmlNode): XmlNode[] {
  return childrenOf(child(sdt, 'w:sdtContent') ?? {});
}

/**
 * A table's lines. A layout table (Decree 30 header: authority | national motto; footer: "Nơi nhận" | signer) is
 * read column by column, every row of the left column before the right one, so columns never interleave. A wider
 * table is data: read row by row, cells separated by a tab.
 */
function tableLines(tbl: XmlNode): string[] {
  const rows = tableGrid(tbl);
  const columns = [...new Set(rows.flatMap((r) => r.map((c) => c.column)))].sort((a, b) => a - b);
  if (columns.length <= LAYOUT_TABLE_MAX_COLUMNS) {
    return columns.flatMap((col) =>
      rows.flatMap((r) => r.filter((c) => c.column === col).flatMap((c) => blockLines(childrenOf(c.node)))),
    );
  }
  return rows.map((r) => r.map((c) => blockLines(childrenOf(c.node)).join(' ')).join('\t'));
}

/** Lines of block-level content: paragraphs, tables, content controls. */
function blockLines(nodes: XmlNode[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === 'w:p') out.push(...paragraphLines(n));
    else if (tag === 'w:tbl') out.push(...tableLines(n));
    else if (tag === 'w:sdt') out.push(...blockLines(sdtContent(n)));
    else if (tag === 'w:customXml' || tag === 'w:ins' || tag === 'w:smartTag') out.push(...blockLines(childrenOf(n)));
  }
  return out;
}

/**
 * The letter's plain text from a DOCX: paragraphs in order (runs' `w:t` joined, `w:tab` → tab, `w:br` → new line),
 * layout tables column by column; blank lines dropped, trailing spaces trimmed, NFC, lines joined with "\n".
 * Throws LetterFileError: `corrupt`, `too_large_uncompressed` (zip bomb, refused before inflating).
 */
export function docxToText(bytes: Uint8Array): string {
  const tree = parseXml(mainPartXml(bytes));
  const doc = tree.find((n) => tagOf(n) === 'w:document');
  const body = doc && child(doc, 'w:body');
  if (!body) throw corrupt('docx', 'no w:document/w:body');
  return blockLines(childrenOf(body))
    .map((l) => l.replace(/\s+$/u, ''))
    .filter((l) => l.trim() !== '')
    .join('\n')
    .normalize('NFC');
}
