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
import PDFDocument from 'pdfkit';
import { assetsDir } from '@loa/config';
import type { ResultReport } from './compose-result-report';

/**
 * The report as the offices edit it (DOCX, with the `docx` library: tables, fonts and margins as Decree 30 asks;
 * the office types its number and signs in its own system) and as a finished copy (PDF, with pdfkit, Liberation
 * Serif embedded: metrically Times New Roman, every Vietnamese glyph, on any machine).
 */

const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 13 pt header, 12 pt "Nơi nhận", 11 pt its lines (Decree 30, appendix I). */
const BODY = 28;
const HEADER = 26;
const COPY_LABEL = 24;
const COPY = 22;
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

type Run = { text: string; bold?: boolean; italics?: boolean; underline?: boolean; size: number };

function para(runs: Run[], opts: { align?: 'center' | 'left' | 'justify'; indent?: boolean; after?: number } = {}) {
  return new Paragraph({
    alignment:
      opts.align === 'justify'
        ? AlignmentType.JUSTIFIED
        : opts.align === 'left'
          ? AlignmentType.LEFT
          : AlignmentType.CENTER,
    indent: opts.indent ? { firstLine: 567 } : undefined,
    spacing: { after: opts.after ?? 0, line: 300 },
    children: runs.map(
      (r) =>
        new TextRun({
          text: r.text,
          bold: r.bold,
          italics: r.italics,
          underline: r.underline ? {} : undefined,
          size: r.size,
          font: FONT,
        }),
    ),
  });
}

function twoColumns(left: Paragraph[], right: Paragraph[], leftPct: number): Table {
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftPct), cell(right, 100 - leftPct)] })],
  });
}

/** The left header: the parent authority (plain) over the issuer (bold). */
function headerParts(r: ResultReport): { parent: string | null; issuer: string[] } {
  return r.headerLeft.length > 1
    ? { parent: r.headerLeft[0], issuer: r.headerLeft.slice(1) }
    : { parent: null, issuer: r.headerLeft };
}

export async function renderResultReportDocx(r: ResultReport): Promise<Buffer> {
  const { parent, issuer } = headerParts(r);
  const header = twoColumns(
    [
      ...(parent ? [para([{ text: parent, size: HEADER }])] : []),
      ...issuer.map((l) => para([{ text: l, bold: true, size: HEADER }])),
      para([{ text: r.numberLine, size: HEADER }]),
      para([{ text: r.about, size: 24 }]),
    ],
    [
      para([{ text: r.headerRight[0], bold: true, size: HEADER }]),
      para([{ text: r.headerRight[1], bold: true, underline: true, size: BODY }], { after: 120 }),
      para([{ text: r.placeDate, italics: true, size: BODY }]),
    ],
    42,
  );
  const footer = twoColumns(
    [
      para([{ text: 'Nơi nhận:', bold: true, italics: true, size: COPY_LABEL }], { align: 'left' }),
      ...r.copyTo.map((l) => para([{ text: l, size: COPY }], { align: 'left' })),
    ],
    [
      ...r.signer.title.map((t) => para([{ text: t, bold: true, size: BODY }])),
      para([{ text: '(Ký, ghi rõ họ tên và đóng dấu)', italics: true, size: COPY }], { after: 1200 }),
      para([{ text: r.signer.name ?? '', bold: true, size: BODY }]),
    ],
    50,
  );
  const doc = new Document({
    creator: 'Loa',
    title: r.about,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            // Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
            margin: { top: 1134, bottom: 1134, left: 1701, right: 1020 },
          },
        },
        children: [
          header,
          para([{ text: '', size: BODY }], { after: 120 }),
          para([{ text: r.kinhGui, size: BODY }], { after: 240 }),
          ...r.body.map((p) => para([{ text: p, size: BODY }], { align: 'justify', indent: true, after: 120 })),
          para([{ text: '', size: BODY }], { after: 120 }),
          footer,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const MM = 72 / 25.4;
const fontPath = (file: string) => join(assetsDir(), 'fonts', file);

export function renderResultReportPdf(r: ResultReport): Promise<Buffer> {
  const margins = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 18 * MM };
  const doc = new PDFDocument({ size: 'A4', margins, info: { Title: r.about, Creator: 'Loa' }, pdfVersion: '1.7' });
  doc.registerFont('serif', fontPath('LiberationSerif-Regular.ttf'));
  doc.registerFont('serif-bold', fontPath('LiberationSerif-Bold.ttf'));
  doc.registerFont('serif-italic', fontPath('LiberationSerif-Italic.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - margins.left - margins.right;
  type Line = { text: string; font: string; size: number; underline?: boolean; gap?: number; left?: boolean };
  /** Lines centred in a column starting at `x`; answers the y below them. */
  const column = (lines: Line[], x: number, w: number, y: number): number => {
    let at = y;
    for (const l of lines) {
      doc.font(l.font).fontSize(l.size);
      doc.text(l.text, x, at, { width: w, align: l.left ? 'left' : 'center', underline: l.underline ?? false });
      at = doc.y + (l.gap ?? 0);
    }
    return at;
  };
  const { parent, issuer } = headerParts(r);
  const leftW = width * 0.45;
  const top = margins.top;
  const leftEnd = column(
    [
      ...(parent ? [{ text: parent, font: 'serif', size: 13 }] : []),
      ...issuer.map((t) => ({ text: t, font: 'serif-bold', size: 13 })),
      { text: r.numberLine, font: 'serif', size: 13 },
      { text: r.about, font: 'serif', size: 12 },
    ],
    margins.left,
    leftW,
    top,
  );
  const rightEnd = column(
    [
      { text: r.headerRight[0], font: 'serif-bold', size: 12.5 },
      { text: r.headerRight[1], font: 'serif-bold', size: 13, underline: true, gap: 6 },
      { text: r.placeDate, font: 'serif-italic', size: 13 },
    ],
    margins.left + leftW,
    width - leftW,
    top,
  );
  doc.font('serif').fontSize(14);
  doc.text(r.kinhGui, margins.left, Math.max(leftEnd, rightEnd) + 18, { width, align: 'center' });
  doc.moveDown(0.8);
  for (const p of r.body) {
    doc.text(p, margins.left, doc.y, { width, align: 'justify', indent: 28, lineGap: 2, paragraphGap: 6 });
  }
  // The footer's two columns stay together: a new page when they would not fit.
  const footerHeight = 150;
  if (doc.y + 16 + footerHeight > doc.page.height - margins.bottom) doc.addPage();
  const footerTop = doc.y + 16;
  const half = width / 2;
  column(
    [
      { text: 'Nơi nhận:', font: 'serif-bold', size: 12, left: true },
      ...r.copyTo.map((t) => ({ text: t, font: 'serif', size: 11, left: true })),
    ],
    margins.left,
    half * 0.8,
    footerTop,
  );
  column(
    [
      ...r.signer.title.map((t) => ({ text: t, font: 'serif-bold', size: 14 })),
      { text: '(Ký, ghi rõ họ tên và đóng dấu)', font: 'serif-italic', size: 11, gap: 60 },
      { text: r.signer.name ?? '', font: 'serif-bold', size: 14 },
    ],
    margins.left + half,
    half,
    footerTop,
  );
  doc.end();
  return done;
}
