import { readFile, writeFile } from 'node:fs/promises';
import type { CampaignReport } from '@loa/campaigns';
import { loadOrganizationLineage, vietnamDay } from '@loa/admin-units';
import {
  composeResultReport,
  extractDirective,
  letterSigner,
  renderResultReportDocx,
  renderResultReportPdf,
  resultReportInput,
  signerToday,
} from '@loa/directives';
import { CliCommand, CliUsageError } from '../command';
import { readLetter } from './directive-parse';

interface Options {
  report: string;
  letter: string;
  org: string;
  province: string;
  out: string;
  format: 'docx' | 'pdf';
  to: string | null;
  signerTitle: string | null;
  signerName: string | null;
}

function parseArgs(args: string[]): Options {
  const named: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      files.push(a);
      continue;
    }
    const v = args[++i];
    if (v === undefined) throw new CliUsageError(`${a} needs a value`);
    named[a.slice(2)] = v.normalize('NFC');
  }
  const unknown = Object.keys(named).filter(
    (k) => !['org', 'province', 'out', 'format', 'to', 'signer-title', 'signer-name'].includes(k),
  );
  if (unknown.length) throw new CliUsageError(`unknown option --${unknown[0]}`);
  if (files.length !== 2) throw new CliUsageError('Expected REPORT.json and the LETTER it carried out');
  for (const k of ['org', 'province', 'out']) if (!named[k]) throw new CliUsageError(`--${k} is required`);
  const format = named.format ?? (named.out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'docx');
  if (format !== 'docx' && format !== 'pdf') throw new CliUsageError('--format must be docx or pdf');
  return {
    report: files[0],
    letter: files[1],
    org: named.org,
    province: named.province,
    out: named.out,
    format,
    to: named.to ?? null,
    signerTitle: named['signer-title'] ?? null,
    signerName: named['signer-name'] ?? null,
  };
}

/** The campaign report as GET /api/campaigns/:id answers it (dates as ISO strings), checked enough to use. */
async function readReport(path: string): Promise<CampaignReport> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not a JSON campaign report (${(e as Error).message}) / không đọc được báo cáo JSON`);
  }
  const r = json as Partial<CampaignReport> & { startsAt?: string; endsAt?: string };
  if (typeof r.title !== 'string' || !r.channels || typeof r.startsAt !== 'string' || typeof r.endsAt !== 'string') {
    throw new Error(
      `${path}: expected the answer of GET /api/campaigns/:id (title, startsAt, endsAt, channels) ` +
        `/ tệp không phải báo cáo chiến dịch`,
    );
  }
  return r as CampaignReport;
}

/**
 * `npm run loa -- report letter REPORT.json LETTER --org … --province … --out FILE`: the result report letter from a
 * campaign report saved from the API (or the console) and the directive it carried out, with no server: for an
 * office that drafts its reports on its own machine.
 */
export const reportLetterCommand: CliCommand = {
  name: 'report letter',
  usage:
    'report letter REPORT.json LETTER --org NAME --province NAME --out FILE.docx|FILE.pdf ' +
    '[--format docx|pdf] [--to AUTHORITY] [--signer-title TITLE] [--signer-name NAME]',
  summary: 'Write the result report letter (báo cáo kết quả, Decree 30 layout) as DOCX or PDF',
  async run(args, io) {
    const o = parseArgs(args);
    const report = await readReport(o.report);
    const text = await readLetter(o.letter, (line) => io.stderr.write(`${line}\n`));
    const fields = extractDirective(text);
    const code = fields.documentCode ? `${fields.documentCode.number ?? '…'}/${fields.documentCode.symbol}` : null;
    const letter = composeResultReport(
      resultReportInput({
        organization: { name: o.org, province: o.province },
        directive: { fields, documentCode: code, subject: fields.subject },
        campaign: { title: report.title, startsAt: new Date(report.startsAt), endsAt: new Date(report.endsAt) },
        report,
        options: { recipient: o.to, signerTitle: o.signerTitle, signerName: o.signerName },
        issuerToday: signerToday(letterSigner(loadOrganizationLineage(), fields, vietnamDay(new Date()), null)),
      }),
    );
    const bytes = o.format === 'pdf' ? await renderResultReportPdf(letter) : await renderResultReportDocx(letter);
    await writeFile(o.out, bytes);
    io.stdout.write(`${o.out}: ${letter.about} (${o.format.toUpperCase()}, ${Math.ceil(bytes.length / 1024)} kB)\n`);
    return 0;
  },
};
