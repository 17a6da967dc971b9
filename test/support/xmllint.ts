import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The OASIS CAP 1.2 schema, as copied into the project. */
export const CAP_XSD = join(__dirname, '../fixtures/standards/CAP-v1.2.xsd');

/**
 * Runs xmllint (Debian libxml2-utils) on a document with `args` (e.g. --noout --schema X, or --xpath Q); returns
 * what it printed, and throws with its message when the document is not well-formed or not valid.
 */
export function xmllint(args: string[], xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'loa-xml-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    return execFileSync('xmllint', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
