import { readFile, stat } from 'node:fs/promises';
import {
  directiveFieldsView,
  LetterFileError,
  MAX_LETTER_FILE_BYTES,
  extractDirective,
  loadOfficialDomains,
  proposeChannelPlan,
  readLetterFile,
} from '@loa/directives';
import { loadConfig } from '@loa/config';
import { CliCommand, CliUsageError } from '../command';

/** Largest letter read, as for an upload to POST /api/directives. */
export const MAX_DIRECTIVE_FILE_BYTES = MAX_LETTER_FILE_BYTES;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.ceil(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** A letter file's text (.txt, .docx or text-layer .pdf), with a message naming what is wrong otherwise. */
export async function readLetter(path: string, warn: (line: string) => void = () => {}): Promise<string> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error(`${path} is not a file / không phải là tệp`);
    size = s.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`cannot read ${path}: no such file / không có tệp này`);
    if (code === 'EACCES') throw new Error(`cannot read ${path}: permission denied / không có quyền đọc`);
    throw e instanceof Error && !code ? e : new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (size > MAX_DIRECTIVE_FILE_BYTES) {
    throw new Error(
      `${path} is ${sizeLabel(size)}; a directive may be at most ${sizeLabel(MAX_DIRECTIVE_FILE_BYTES)} ` +
        `/ tệp quá lớn (tối đa ${sizeLabel(MAX_DIRECTIVE_FILE_BYTES)})`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    const read = await readLetterFile(bytes, path, undefined, loadConfig().ocr);
    if (read.readBy === 'ocr') {
      warn(
        `${path}: đọc bằng OCR từ bản quét, hãy kiểm tra lại các trường / read by OCR from a scan: check the fields`,
      );
    }
    return read.text;
  } catch (e) {
    if (e instanceof LetterFileError) throw new Error(`${path}: ${e.message} [${e.code}]`);
    throw e;
  }
}

/** `npm run loa -- directive parse FILE`: the extracted fields and the proposed plan, as one JSON object. */
export const directiveParseCommand: CliCommand = {
  name: 'directive parse',
  usage: 'directive parse FILE',
  summary: 'Read a letter (.txt, .docx or .pdf with a text layer) and print its fields and proposed plan as JSON',
  async run(args, io) {
    if (args.length !== 1 || args[0].startsWith('-')) {
      throw new CliUsageError('Expected one FILE (a .txt, .docx or .pdf letter)');
    }
    const text = await readLetter(args[0], (line) => io.stderr.write(`${line}\n`));
    const fields = extractDirective(text);
    const proposal = proposeChannelPlan(text, { officialDomains: loadOfficialDomains() }, fields);
    const out = {
      ...directiveFieldsView(fields),
      plan: proposal.entries,
      proposal: {
        title: proposal.title,
        channels: proposal.channels,
        link: proposal.link,
        drafts: proposal.drafts,
        notes: proposal.notes,
      },
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};
