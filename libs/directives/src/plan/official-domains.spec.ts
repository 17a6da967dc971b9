import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOfficialHost, officialLink, parseOfficialDomains } from './official-domains';

const config = JSON.parse(readFileSync(join(__dirname, '../../../../config/official-domains.json'), 'utf8'));
const domains = parseOfficialDomains(config);

describe('official domains', () => {
  it('reads config/official-domains.json: whole organisations, never a shared suffix', () => {
    expect(domains.suffixes).toEqual(expect.arrayContaining(['gov.vn', 'mattran.org.vn', 'dangcongsan.vn']));
    expect(domains.suffixes).not.toContain('org.vn');
    expect(domains.suffixes).not.toContain('com.vn');
  });

  it('refuses a malformed list', () => {
    expect(() => parseOfficialDomains({})).toThrow(/suffixes/);
    expect(() => parseOfficialDomains({ suffixes: [] })).toThrow(/suffixes/);
    expect(() => parseOfficialDomains({ suffixes: ['gov.vn', 'not a domain'] })).toThrow(/not a domain suffix/);
  });

  it('matches a host equal to a suffix or under it, not one that merely ends with the same letters', () => {
    expect(isOfficialHost('soctrang.gov.vn', domains)).toBe(true);
    expect(isOfficialHost('gov.vn', domains)).toBe(true);
    expect(isOfficialHost('vandongxahoi.mattran.org.vn', domains)).toBe(true);
    expect(isOfficialHost('notmattran.org.vn', domains)).toBe(false);
    expect(isOfficialHost('evilgov.vn', domains)).toBe(false);
    expect(isOfficialHost('gov.vn.evil.example', domains)).toBe(false);
  });

  it('turns an official link into an absolute URL; bare domains get https', () => {
    expect(officialLink('vandongxahoi.mattran.org.vn', domains)).toEqual({
      url: 'https://vandongxahoi.mattran.org.vn',
      host: 'vandongxahoi.mattran.org.vn',
      asWritten: 'vandongxahoi.mattran.org.vn',
    });
    expect(officialLink('http://www.soctrang.gov.vn/tin-tuc', domains)?.url).toBe('http://www.soctrang.gov.vn/tin-tuc');
    expect(officialLink('https://gov.vn@evil.example/', domains)).toBeNull();
    expect(officialLink('https://evil.example/?u=gov.vn', domains)).toBeNull();
    expect(officialLink('javascript:alert(1)//gov.vn', domains)).toBeNull();
    expect(officialLink('example.com', domains)).toBeNull();
  });
});
