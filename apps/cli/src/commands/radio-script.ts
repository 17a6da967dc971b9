import { readFile, stat } from 'node:fs/promises';
import { extractDirective } from '@loa/directives';
import {
  RADIO_PRIORITIES,
  RadioPriority,
  STATION_REGIONS,
  dialectFor,
  formatDuration,
  radioAbbreviations,
  writeBroadcastScript,
} from '@loa/radio';
import { CliCommand, CliUsageError } from '../command';

const MAX_LETTER_BYTES = 200 * 1024;

interface Options {
  file: string;
  station: string | null;
  region: string | null;
  priority: RadioPriority;
  slotSeconds: number | null;
  repeat: number;
  json: boolean;
}

function parseArgs(args: string[]): Options {
  const opts: Options = {
    file: '',
    station: null,
    region: null,
    priority: 'normal',
    slotSeconds: null,
    repeat: 1,
    json: false,
  };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new CliUsageError(`${a} needs a value`);
      return v;
    };
    const int = (min: number, max: number) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min || n > max) throw new CliUsageError(`${a} must be ${min}–${max}`);
      return n;
    };
    if (a === '--station') opts.station = value();
    else if (a === '--region') {
      opts.region = value();
      if (!(STATION_REGIONS as readonly string[]).includes(opts.region)) {
        throw new CliUsageError(`--region must be one of ${STATION_REGIONS.join(', ')}`);
      }
    } else if (a === '--priority') {
      const p = value();
      if (!(RADIO_PRIORITIES as readonly string[]).includes(p)) {
        throw new CliUsageError(`--priority must be one of ${RADIO_PRIORITIES.join(', ')}`);
      }
      opts.priority = p as RadioPriority;
    } else if (a === '--slot-seconds') opts.slotSeconds = int(10, 4 * 3600);
    else if (a === '--repeat') opts.repeat = int(1, 10);
    else if (a === '--json') opts.json = true;
    else if (a.startsWith('-')) throw new CliUsageError(`Unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new CliUsageError('Expected one FILE (a .txt letter)');
  opts.file = files[0];
  return opts;
}

async function readLetter(path: string): Promise<string> {
  const s = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file / không có tệp này' : e.message}`);
  });
  if (!s.isFile()) throw new Error(`${path} is not a file / không phải là tệp`);
  if (s.size > MAX_LETTER_BYTES) throw new Error(`${path} is larger than ${MAX_LETTER_BYTES / 1024} kB / tệp quá lớn`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path)).normalize('NFC');
  } catch {
    throw new Error(`${path} is not UTF-8 text / tệp không phải văn bản UTF-8`);
  }
}

/**
 * `npm run loa -- radio script FILE`: the script a loudspeaker station would read for a letter — its points as the
 * body, the letter as the basis, numbers and abbreviations in words — with the reading time and any warning.
 */
export const radioScriptCommand: CliCommand = {
  name: 'radio script',
  usage:
    'radio script FILE [--station NAME] [--region north|central|south] [--priority P] [--slot-seconds N] [--repeat N] [--json]',
  summary: 'Print the loudspeaker script for a letter (.txt), with its reading time',
  async run(args, io) {
    const opts = parseArgs(args);
    const fields = extractDirective(await readLetter(opts.file));
    const subject = fields.subject?.replace(/^V\/v\s*/i, '').trim() || null;
    const title = subject ? subject.charAt(0).toUpperCase() + subject.slice(1) : 'Thông báo';
    const body = (fields.items ?? [])
      .map((item) =>
        item.text
          .replace(/\s*\n-\s*/g, '; ')
          // A point's heading line ("2. Báo Sóc Trăng, Đài …") runs into its text: mark the pause.
          .replace(/([^.;:!?])\s*\n\s*/g, '$1: ')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter(Boolean)
      .join('\n\n');
    const code = fields.documentCode;
    const script = writeBroadcastScript(
      {
        stationName: opts.station,
        title,
        body,
        priority: opts.priority,
        directive: {
          documentType: fields.documentType,
          documentCode: code && code.number ? `${code.number}/${code.symbol}` : null,
          date: fields.date,
          issuer: fields.issuer,
          parentAuthority: fields.parentAuthority,
          subject: fields.subject,
        },
        slotSeconds: opts.slotSeconds,
        repeat: opts.repeat,
      },
      { dictionary: radioAbbreviations(), dialect: dialectFor(opts.region) },
    );
    if (opts.json) {
      io.stdout.write(`${JSON.stringify(script, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`${script.text}\n\n`);
    io.stdout.write(
      `— ${script.words} âm tiết; đọc khoảng ${formatDuration(script.estimatedSeconds)}` +
        (script.repeat > 1 ? ` × ${script.repeat} lượt = ${formatDuration(script.airtimeSeconds)}` : '') +
        (script.slotSeconds ? `; khung phát ${formatDuration(script.slotSeconds)}` : '') +
        '\n',
    );
    for (const w of script.warnings) io.stdout.write(`Cảnh báo: ${w}\n`);
    return 0;
  },
};
