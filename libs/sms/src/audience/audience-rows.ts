import { type Readable, Transform, TransformCallback } from 'node:stream';
import { type CsvError, type Options as CsvOptions, Parser } from 'csv-parse';
import { CarrierRouter, routeNumber } from '../numbering';
import { copyTextField, findPhoneColumn, findPlaceColumn } from './audience-csv';
import type { RejectSpool } from './reject-spool';
import { SeenNumbers } from './seen-numbers';

/** The file as a whole cannot be imported (its rows can: those are rejected one by one and counted). */
export class AudienceFileError extends Error {
  constructor(
    readonly reason: 'no_phone_column' | 'record_too_large',
    message: string,
  ) {
    super(message);
    this.name = 'AudienceFileError';
  }
}

/** Whether a place, as the list writes it, lies in the campaign's area: in, out, or cannot tell. */
export interface PlaceFilter {
  column: string | null;
  verdict(place: string): 'in' | 'out' | 'unknown';
}

/** A record as the parser hands it on: its cells and the line it ended on. */
export interface ParsedRecord {
  cells: string[];
  line: number;
}

/** A record longer than this is an unclosed quote swallowing the file: refused, so memory stays bounded. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * csv-parse's streaming parser, each record handed on with the line it ended on (`ParsedRecord`). The parser
 * pushes each record the moment it has read it, so its live `info.lines` is that record's line; this is what
 * csv-parse's `on_record` context says too, without the copy of the whole `info` object it makes per record
 * (about 40 % of the parser's time on a list of short rows, measured).
 */
class LineNumberedParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const parsed: ParsedRecord = { cells: record as string[], line: this.info.lines };
    return super.push(parsed, encoding);
  }
}

/**
 * The CSV reader in front of an encoder: "," ";" or tab, BOM dropped, blank lines skipped, rows it cannot read
 * handed to the encoder as rejects; a record past MAX_RECORD_BYTES refuses the whole file.
 */
export function csvParser(encoder: AudienceRowEncoder): Parser {
  const options: CsvOptions = {
    bom: true,
    // Vietnamese-locale Excel separates with ";"; tab for pasted sheets.
    delimiter: [',', ';', '\t'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (err: CsvError | undefined) => {
      if (err?.code === 'CSV_MAX_RECORD_SIZE') {
        // csv-parse cannot resume after this one: the rest of the file would be lost, so refuse the file.
        parser.destroy(
          new AudienceFileError(
            'record_too_large',
            `Dòng ${err.lines}: bản ghi dài quá ${MAX_RECORD_BYTES} byte (có thể thiếu dấu " đóng) / ` +
              `line ${err.lines}: a record is longer than ${MAX_RECORD_BYTES} bytes (an unclosed quote?)`,
          ),
        );
        return undefined;
      }
      encoder.skipped(err, typeof err?.lines === 'number' ? err.lines : 0);
      return undefined;
    },
  };
  // on_skip above refers to the parser it belongs to.
  const parser = new LineNumberedParser(options);
  return parser;
}

/**
 * Where a row goes once judged: the COPY text line it becomes in the encoder's output (empty when it goes
 * nowhere or somewhere else). Fields come already in COPY text form.
 */
export interface AudienceRowTarget {
  accepted(line: number, msisdn: string, carrierCode: string): string;
  rejected(line: number, inputField: string, reasonField: string): string;
}

/**
 * Every row, good or rejected, into the temporary staging table (`line_no, input, msisdn, carrier_code, reason`),
 * for an audience too large to hold its numbers: the merge drops duplicates, members and opted-out numbers in SQL.
 */
export class StagingRows implements AudienceRowTarget {
  accepted(line: number, msisdn: string, carrierCode: string): string {
    return `${line}\t\\N\t${msisdn}\t${carrierCode}\t\\N\n`;
  }

  rejected(line: number, inputField: string, reasonField: string): string {
    return `${line}\t${inputField}\t\\N\t\\N\t${reasonField}\n`;
  }
}

/**
 * Each new number's first row straight into `audience_members` (`campaign_id, msisdn, carrier_code`), for an
 * audience that is locked and whose members were taken first (`takeMembers`): repeats and members are told apart
 * here (SeenNumbers) and counted as duplicates, rejects go to the spool (the connection carries one COPY at a
 * time), numbers are counted per carrier as they go.
 */
export class AudienceMemberRows implements AudienceRowTarget {
  duplicates = 0;
  readonly byCarrier: Record<string, number> = {};
  private readonly seen = new SeenNumbers();

  constructor(
    private readonly campaignId: string,
    private readonly importId: string,
    private readonly rejects: RejectSpool,
  ) {}

  /** The audience's numbers (COPY text, one a line): a row that names one of them is a duplicate. */
  async takeMembers(numbers: Readable): Promise<void> {
    let rest = '';
    for await (const chunk of numbers) {
      const lines = (rest + (chunk as Buffer | string).toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const msisdn of lines) if (msisdn !== '') this.seen.add(msisdn);
    }
    if (rest !== '') this.seen.add(rest);
  }

  accepted(_line: number, msisdn: string, carrierCode: string): string {
    if (!this.seen.add(msisdn)) {
      this.duplicates++;
      return '';
    }
    this.byCarrier[carrierCode] = (this.byCarrier[carrierCode] ?? 0) + 1;
    return `${this.campaignId}\t${msisdn}\t${carrierCode}\n`;
  }

  rejected(line: number, inputField: string, reasonField: string): string {
    this.rejects.add(`${this.importId}\t${line}\t${inputField}\t${reasonField}\n`);
    return '';
  }
}

/** Rows are handed to COPY in chunks of about this many characters. */
const COPY_CHUNK_CHARS = 64 * 1024;
/** A rejected input is kept up to this many characters. */
const MAX_INPUT_CHARS = 200;
/** Places a list repeats are judged once (bounded, so a list of unique junk cannot grow it without end). */
const MAX_PLACES_REMEMBERED = 10_000;

/** Vietnamese first, then the numbering library's English reason. */
function bilingualReason(error: string): string {
  const vi = error.startsWith('empty')
    ? 'Trống'
    : error.startsWith('wrong length')
      ? 'Sai độ dài'
      : error.startsWith('not Vietnamese')
        ? 'Không phải số Việt Nam'
        : error.startsWith('contains')
          ? 'Có ký tự không phải chữ số'
          : error.startsWith('not a mobile') || error.startsWith('no carrier')
            ? 'Không phải số di động'
            : error.startsWith('no connection')
              ? 'Chưa kết nối nhà mạng này'
              : error.startsWith('CSV')
                ? 'Dòng CSV lỗi'
                : error.startsWith('outside')
                  ? 'Ngoài khu vực của chiến dịch'
                  : 'Không hợp lệ';
  return `${vi} / ${error}`;
}

/**
 * CSV records in, COPY text out: each data row normalised and routed, or rejected with its reason, and handed to
 * its target. Holds at most one output chunk; Transform's own buffering gives backpressure both ways.
 */
export class AudienceRowEncoder extends Transform {
  phoneIndex = -1;
  phoneColumn: string | null = null;
  rows = 0;
  rejected = 0;
  private lastLine = 0;
  private out = '';

  private placeIndex = -1;
  private readonly verdicts = new Map<string, 'in' | 'out' | 'unknown'>();

  constructor(
    private readonly target: AudienceRowTarget,
    private readonly router: CarrierRouter,
    private readonly enabled: ReadonlySet<string>,
    private readonly column: string | null,
    private readonly place: PlaceFilter | null = null,
  ) {
    super({ writableObjectMode: true, readableObjectMode: false, readableHighWaterMark: 4 * COPY_CHUNK_CHARS });
  }

  /** Strictly increasing line numbers (they key the rejects table and its paging). */
  private lineNo(line: number): number {
    this.lastLine = Math.max(line, this.lastLine + 1);
    return this.lastLine;
  }

  /** A row csv-parse could not read (unclosed quote…): counted and rejected, the import goes on. */
  skipped(err: CsvError | undefined, line: number): void {
    if (this.phoneIndex < 0) return;
    this.rows++;
    this.reject(this.lineNo(line), '', `CSV: ${err?.message ?? 'unreadable record'}`);
  }

  private reject(line: number, input: string, error: string): void {
    this.rejected++;
    this.out += this.target.rejected(
      line,
      copyTextField(input.slice(0, MAX_INPUT_CHARS)),
      copyTextField(bilingualReason(error)),
    );
  }

  override _transform(rec: ParsedRecord, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.phoneIndex < 0) {
      const found = findPhoneColumn(rec.cells, this.column);
      if (found.error !== null) return done(new AudienceFileError('no_phone_column', found.error));
      this.phoneIndex = found.index;
      this.phoneColumn = found.name.trim();
      if (this.place) this.placeIndex = findPlaceColumn(rec.cells, this.place.column);
      this.lastLine = rec.line;
      return done();
    }
    // Spreadsheets export trailing ",,," rows: blank rows are not data.
    if (rec.cells.every((c) => c.trim() === '')) return done();
    this.rows++;
    const line = this.lineNo(rec.line);
    const input = rec.cells[this.phoneIndex] ?? '';
    const r = routeNumber(input, this.router);
    if (r.error !== null || r.msisdn === null || r.carrier === null) {
      this.reject(line, input, r.error ?? 'cannot route');
    } else if (!this.enabled.has(r.carrier)) {
      this.reject(line, input, `no connection configured for carrier ${r.carrier}`);
    } else if (this.outsideArea(rec.cells)) {
      const where = (rec.cells[this.placeIndex] ?? '').trim();
      this.reject(line, input, `outside the campaign's area: ${where}`);
    } else {
      this.out += this.target.accepted(line, r.msisdn, r.carrier);
    }
    if (this.out.length >= COPY_CHUNK_CHARS) {
      const chunk = this.out;
      this.out = '';
      this.push(chunk);
    }
    done();
  }

  /** Whether the row's place column names a place outside the campaign's area (unknown places are kept). */
  private outsideArea(cells: string[]): boolean {
    if (!this.place || this.placeIndex < 0) return false;
    const where = (cells[this.placeIndex] ?? '').trim().normalize('NFC');
    if (where === '') return false;
    let verdict = this.verdicts.get(where);
    if (verdict === undefined) {
      verdict = this.place.verdict(where);
      if (this.verdicts.size < MAX_PLACES_REMEMBERED) this.verdicts.set(where, verdict);
    }
    return verdict === 'out';
  }

  override _flush(done: TransformCallback): void {
    if (this.phoneIndex < 0) {
      return done(
        new AudienceFileError('no_phone_column', 'Tệp trống: không có dòng tiêu đề / the file is empty: no header row'),
      );
    }
    if (this.out) this.push(this.out);
    this.out = '';
    done();
  }
}
