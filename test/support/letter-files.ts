/**
 * Letter files made from a plain-text sample letter, as operators receive them: a DOCX laid out as Decree 30 asks
 * (the header and the footer in two-column tables, the body as paragraphs) and a PDF of the same layout (Liberation
 * Serif embedded, the header and footer drawn as two columns), plus bad files. Built in tests, never committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

export const SAMPLE_LETTER = 'soc-trang-stttt-2021-09-vandongxahoi.txt';

const FONT_DIR = '/usr/share/fonts/truetype/liberation2';
export const SERIF = join(FONT_DIR, 'LiberationSerif-Regular.ttf');
export const SERIF_BOLD = join(FONT_DIR, 'LiberationSerif-Bold.ttf');

/** The sample letter as text (NFC), as the text upload sends it. */
export function sampleLetterText(name = SAMPLE_LETTER): string {
  return readFileSync(join(__dirname, '../fixtures/directives', name), 'utf8').normalize('NFC');
}

/** A Decree 30 letter cut into its parts: header columns, body lines, footer columns. */
export interface LetterLayout {
  readonly headerLeft: readonly string[];
  readonly headerRight: readonly string[];
  readonly body: readonly string[];
  readonly footerLeft: readonly string[];
  readonly footerRight: readonly string[];
}

/** Splits a plain-text letter (columns already one after the other) at the motto, the date and "Nơi nhận". */
export function letterLayout(text: string): LetterLayout {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const motto = lines.findIndex((l) => l.startsWith('CỘNG HÒA'));
  const date = lines.findIndex((l, i) => i > motto && /,\s*ngày/u.test(l));
  const copyTo = lines.findIndex((l) => l.startsWith('Nơi nhận'));
  const lastCopy = lines.findIndex((l, i) => i > copyTo && l.startsWith('- Lưu'));
  if ([motto, date, copyTo, lastCopy].includes(-1)) throw new Error('not a Decree 30 letter');
  return {
    headerLeft: lines.slice(0, motto),
    headerRight: lines.slice(motto, date + 1),
    body: lines.slice(date + 1, copyTo),
    footerLeft: lines.slice(copyTo, lastCopy + 1),
    footerRight: lines.slice(lastCopy + 1),
  };
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

const para = (text: string, bold = false) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, bold, font: 'Times New Roman', size: 26 })],
  });

/** A DOCX of the letter: header table one row per line pair, footer table one row of two multi-paragraph cells. */
export async function letterDocx(text = sampleLetterText()): Promise<Buffer> {
  const l = letterLayout(text);
  const cell = (paragraphs: Paragraph[], pct: number) =>
    new TableCell({
      children: paragraphs.length ? paragraphs : [new Paragraph('')],
      width: { size: pct, type: WidthType.PERCENTAGE },
    });
  const rows = Math.max(l.headerLeft.length, l.headerRight.length);
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: Array.from(
      { length: rows },
      (_, i) =>
        new TableRow({
          children: [
            cell(l.headerLeft[i] ? [para(l.headerLeft[i], i < 2)] : [], 40),
            cell(l.headerRight[i] ? [para(l.headerRight[i], i < 2)] : [], 60),
          ],
        }),
    ),
  });
  const footer = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            l.footerLeft.map((t) => new Paragraph({ children: [new TextRun({ text: t, size: 22 })] })),
            50,
          ),
          cell(
            l.footerRight.map((t) => para(t, true)),
            50,
          ),
        ],
      }),
    ],
  });
  const body = l.body.map(
    (t) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: t, size: 26 })] }),
  );
  const doc = new Document({
    sections: [{ children: [header, new Paragraph(''), ...body, new Paragraph(''), footer] }],
  });
  return Packer.toBuffer(doc);
}

/** A DOCX of plain paragraphs, one a line. */
export function paragraphsDocx(lines: readonly string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((t) => new Paragraph(t)) }] }));
}

const A4: [number, number] = [595.28, 841.89];

/** Renders a PDF with pdfkit and returns its bytes. */
function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: A4, margin: 0, autoFirstPage: true, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/**
 * A PDF of the letter as Word prints it: the header and footer as two columns (left centred near x = 170 pt, right
 * near x = 430 pt), the body one column from the left margin. `userPassword` makes it encrypted.
 */
export function letterPdf(text = sampleLetterText(), options: { userPassword?: string } = {}): Promise<Buffer> {
  const l = letterLayout(text);
  return renderPdf({ ...options, pdfVersion: options.userPassword ? '1.7' : undefined }, (doc) => {
    doc.registerFont('serif', SERIF);
    doc.registerFont('serif-bold', SERIF_BOLD);
    const centred = (t: string, centre: number, y: number, size: number, bold = false) => {
      doc.font(bold ? 'serif-bold' : 'serif').fontSize(size);
      doc.text(t, centre - doc.widthOfString(t) / 2, y, { lineBreak: false });
    };
    let y = 50;
    const rows = Math.max(l.headerLeft.length, l.headerRight.length);
    for (let i = 0; i < rows; i += 1) {
      if (l.headerLeft[i]) centred(l.headerLeft[i], 170, y, 12, i < 2);
      if (l.headerRight[i]) centred(l.headerRight[i], 430, y, 12, i < 2);
      y += 16;
    }
    y += 20;
    const bottom = A4[1] - 60;
    for (const line of l.body) {
      if (y > bottom) {
        doc.addPage();
        y = 60;
      }
      const indent = line.startsWith('Kính gửi') ? 150 : line.startsWith('- ') && y < 300 ? 200 : 85;
      doc.font('serif').fontSize(12).text(line, indent, y, { lineBreak: false });
      y += 17;
    }
    y += 20;
    if (y + 140 > bottom) {
      doc.addPage();
      y = 60;
    }
    const top = y;
    for (const line of l.footerLeft) {
      doc.font('serif').fontSize(11).text(line, 60, y, { lineBreak: false });
      y += 14;
    }
    y = top;
    l.footerRight.forEach((line, i) => {
      centred(line, 430, i === l.footerRight.length - 1 ? top + 100 : y, 12, true);
      y += 16;
    });
  });
}

/** A PDF whose only content is a drawn rectangle: what a scan looks like to a text reader. */
export function noTextPdf(): Promise<Buffer> {
  return renderPdf({}, (doc) => {
    doc.rect(100, 100, 300, 200).stroke();
  });
}

/** Bytes that start like a PDF and are not one. */
export function corruptPdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251)),
  ]);
}

/** A DOCX-looking ZIP whose document.xml inflates to 30 MB from a few kilobytes. */
export function zipBombDocx(): Buffer {
  const huge = new Uint8Array(30 * 1024 * 1024).fill(0x20);
  return Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
        'word/document.xml': huge,
      },
      { level: 9 },
    ),
  );
}
