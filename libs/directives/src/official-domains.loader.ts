import { readConfigJson } from '@loa/config';
import { OfficialDomains, parseOfficialDomains } from './plan';

let cached: OfficialDomains | null = null;

/** config/official-domains.json, read and validated once. */
export function loadOfficialDomains(): OfficialDomains {
  cached ??= parseOfficialDomains(readConfigJson('official-domains.json'));
  return cached;
}
