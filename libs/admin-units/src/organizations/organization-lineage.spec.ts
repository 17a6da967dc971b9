import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAdminUnits, loadOrganizationLineage } from '../admin-units.loader';
import { OrganizationLineage, parseLineageCsv } from './organization-lineage';

const FIXTURES = join(__dirname, '../../../../test/fixtures/directives');
const { map } = loadAdminUnits();

/** The shipped config/organizations/lineage.csv over the shipped map. */
describe('config/organizations lineage', () => {
  const lineage = loadOrganizationLineage(map);
  const today = '2026-12-04';

  it('names each body as it was called in its period', () => {
    expect(lineage.get('94-stttt')!.name).toBe('Sở Thông tin và Truyền thông tỉnh Sóc Trăng');
    expect(lineage.get('92-skhcn-2025-07')!.name).toBe('Sở Khoa học và Công nghệ thành phố Cần Thơ');
    expect(lineage.get('91-stttt')!.name).toBe('Sở Thông tin và Truyền thông tỉnh Kiên Giang');
    expect(lineage.get('91-skhcn-2025-07')!.name).toBe('Sở Khoa học và Công nghệ tỉnh An Giang');
    expect(lineage.get('30-stttt')!.name).toBe('Sở Thông tin và Truyền thông tỉnh Hải Dương');
  });

  it.each([
    ['94-stttt', '92-skhcn-2025-07'],
    ['93-skhcn', '92-skhcn-2025-07'],
    ['94-svhttdl', '92-svhttdl-2025-07'],
    ['91-stttt', '91-skhcn-2025-07'],
    ['89-stttt', '91-skhcn-2025-07'],
    ['30-stttt', '31-skhcn-2025-07'],
  ])('traces %s to %s today', (former, now) => {
    expect(lineage.successorsOn(lineage.get(former)!, today).map((b) => b.code)).toEqual([now]);
  });

  it('is the Sở KH&CN of Sóc Trăng between the two reorganisations', () => {
    expect(lineage.successorsOn(lineage.get('94-stttt')!, '2025-04-01').map((b) => b.name)).toEqual([
      'Sở Khoa học và Công nghệ tỉnh Sóc Trăng',
    ]);
    expect(lineage.successorsOn(lineage.get('92-skhcn-2025-07')!, '2024-01-01')).toEqual([]);
  });

  it('reads a 2021 Sóc Trăng letter and a 2025 Cần Thơ letter as signed by one lineage', () => {
    const letter2021 = readFileSync(join(FIXTURES, 'soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
    expect(letter2021).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    const old = lineage.signerOf(
      { issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', parentAuthority: 'UBND TỈNH SÓC TRĂNG' },
      '2021-09-09',
    )!;
    const recent = lineage.signerOf(
      { issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', parentAuthority: 'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ' },
      '2025-09-10',
    )!;
    expect(old.code).toBe('94-stttt');
    expect(recent.code).toBe('92-skhcn-2025-07');
    const organization = lineage.get('92-skhcn-2025-07')!;
    expect(lineage.isInLineageOf(old, organization)).toBe(true);
    expect(lineage.isInLineageOf(recent, organization)).toBe(true);
    expect(lineage.isInLineageOf(lineage.get('94-svhttdl')!, organization)).toBe(false);
    expect(lineage.isInLineageOf(lineage.get('91-stttt')!, organization)).toBe(false);
  });

  it('finds the signer from the issuer line alone, and not a body out of force on the letter’s day', () => {
    expect(
      lineage.signerOf({ issuer: 'Sở Thông tin và Truyền thông tỉnh Kiên Giang', parentAuthority: null }, '2021-06-04')
        ?.code,
    ).toBe('91-stttt');
    // No Sở TTTT signs a letter after February 2025, and no Kiên Giang after June.
    expect(
      lineage.signerOf(
        { issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', parentAuthority: 'UBND TỈNH SÓC TRĂNG' },
        '2025-09-01',
      ),
    ).toBeNull();
    expect(lineage.signerOf({ issuer: 'SỞ Y TẾ', parentAuthority: 'UBND TỈNH SÓC TRĂNG' }, '2021-09-09')).toBeNull();
    expect(lineage.signerOf({ issuer: null, parentAuthority: 'UBND TỈNH SÓC TRĂNG' }, '2021-09-09')).toBeNull();
  });

  it('lists the provinces an organisation and its former bodies sat in', () => {
    expect(lineage.provincesOf(lineage.get('92-skhcn-2025-07')!).sort()).toEqual(['Cần Thơ', 'Hậu Giang', 'Sóc Trăng']);
  });

  it('finds bodies by code, full name or short name, every period of a name', () => {
    expect(lineage.find('Sở TTTT Sóc Trăng').map((b) => b.code)).toEqual(['94-stttt']);
    expect(lineage.find('sở khoa học và công nghệ thành phố cần thơ').map((b) => b.code)).toEqual([
      '92-skhcn',
      '92-skhcn-2025-03',
      '92-skhcn-2025-07',
    ]);
    expect(lineage.find('30-svhttdl').map((b) => b.code)).toEqual(['30-svhttdl']);
  });
});

describe('OrganizationLineage.check', () => {
  const header = 'code,department,short_name,unit_code,valid_from,valid_to,successors\n';

  it.each([
    ['a successor that is not listed', '94-x,Sở A,Sở A,94,,2025-02-28,94-y\n', '94-x: successor 94-y is not listed'],
    [
      'a gap between a body and its successor',
      '94-x,Sở A,Sở A,94,,2025-02-28,94-y\n94-y,Sở A,Sở A,94,2025-03-02,,\n',
      '94-x: successor 94-y starts 2025-03-02, not the day after 2025-02-28',
    ],
    [
      'a body that ends without successor',
      '94-x,Sở A,Sở A,94,,2025-02-28,\n',
      '94-x: ends on 2025-02-28 but names no successor',
    ],
    ['a province that did not exist then', '94-x,Sở A,Sở A,94,2025-07-01,,\n', '94-x: no province 94 in its period'],
    ['a code listed twice', '94-x,Sở A,Sở A,94,,,\n94-x,Sở B,Sở B,94,,,\n', '94-x: listed twice'],
  ])('reports %s', (_what, rows, problem) => {
    expect(OrganizationLineage.from(map, parseLineageCsv(header + rows)).check()).toContain(problem);
  });

  it('refuses a file without its columns or with a bad day', () => {
    expect(() => parseLineageCsv('code,department\n94-x,Sở A\n')).toThrow(/missing column\(s\) short_name/);
    expect(() => parseLineageCsv(`${header}94-x,Sở A,Sở A,94,1/3/2025,,\n`)).toThrow(/not a day/);
  });
});
