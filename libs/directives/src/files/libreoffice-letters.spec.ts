import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDirective } from '../extract';
import { readLetterFile } from './read-letter-file';

const DIR = join(__dirname, '../../../../test/fixtures/directives');

/**
 * Letters as LibreOffice makes them (the sample letter's Decree 30 DOCX re-saved by LibreOffice Writer, and the PDF
 * it prints): files from an office suite, not from Loa's own test helpers. Made once with
 * `soffice --headless --convert-to pdf|docx` (LibreOffice 7.4, Debian 12) and kept in test/fixtures/directives/files.
 */
describe('letters saved and printed by LibreOffice', () => {
  const expected = extractDirective(readFileSync(join(DIR, 'soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8'));

  it.each(['soc-trang-stttt-2021-09-libreoffice.docx', 'soc-trang-stttt-2021-09-libreoffice.pdf'])(
    'reads %s with the fields of the plain-text letter, the header columns apart',
    async (name) => {
      const read = await readLetterFile(readFileSync(join(DIR, 'files', name)), name);
      expect(read.readBy).toBe('text');
      const fields = extractDirective(read.text);
      expect(fields.documentCode).toEqual(expected.documentCode);
      expect(fields.date).toEqual(expected.date);
      expect(fields.issuer).toEqual(expected.issuer);
      expect(fields.parentAuthority).toEqual(expected.parentAuthority);
      expect(fields.subject).toEqual(expected.subject);
      expect(fields.addressees).toEqual(expected.addressees);
      expect(fields.signer).toEqual(expected.signer);
      expect(fields.links).toEqual(expected.links);
    },
  );
});
