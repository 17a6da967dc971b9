import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** Rejects are held in memory up to about this many characters, then written to a file of their own. */
const SPILL_CHARS = 256 * 1024;

/**
 * The COPY text of an import's rejected rows while its good rows stream into the audience (one COPY at a time on
 * a connection): kept in memory while small, on a temporary file once past SPILL_CHARS, so that a file of junk
 * holds no more memory than a clean one. Written synchronously in chunks of that size (a page-cache write of
 * 256 KiB takes well under a millisecond), read back as a stream. `dispose()` removes the file.
 */
export class RejectSpool {
  private buffer = '';
  private dir: string | null = null;
  private fd: number | null = null;
  private lines = 0;

  constructor(private readonly spillChars = SPILL_CHARS) {}

  /** Adds one COPY text line (ending in a line break). */
  add(line: string): void {
    this.lines++;
    this.buffer += line;
    if (this.buffer.length >= this.spillChars) this.spill();
  }

  /** How many lines were added. */
  get rows(): number {
    return this.lines;
  }

  /** The file the rejects went to once past the threshold; null while they are in memory or after dispose. */
  get file(): string | null {
    return this.dir === null ? null : this.path();
  }

  /** Everything added, in order; call once, after the last `add`. */
  read(): Readable {
    if (this.fd === null) return Readable.from([this.buffer]);
    this.spill();
    closeSync(this.fd);
    this.fd = null;
    return createReadStream(this.path());
  }

  /** Removes the file, if any (safe to call more than once, and after a failure). */
  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.buffer = '';
  }

  private spill(): void {
    if (this.fd === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'loa-import-rejects-'));
      this.fd = openSync(this.path(), 'w', 0o600);
    }
    if (this.buffer) writeSync(this.fd, this.buffer, null, 'utf8');
    this.buffer = '';
  }

  private path(): string {
    return join(this.dir!, 'rejects.copy');
  }
}
