import type { PlanLink } from './types';

/** Hosts whose links may become a campaign's call-to-action (kept as data in config/official-domains.json). */
export interface OfficialDomains {
  /** A host is official when it equals a suffix or ends with "." + suffix: "gov.vn", "mattran.org.vn". */
  readonly suffixes: readonly string[];
}

const SUFFIX = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Validates the parsed JSON of config/official-domains.json: `{ "suffixes": ["gov.vn", …] }`. */
export function parseOfficialDomains(json: unknown): OfficialDomains {
  const suffixes = (json as { suffixes?: unknown } | null)?.suffixes;
  if (!Array.isArray(suffixes) || suffixes.length === 0) {
    throw new Error('official domains: expected { "suffixes": ["gov.vn", …] } with at least one suffix');
  }
  const out = suffixes.map((s: unknown) => {
    if (typeof s !== 'string' || !SUFFIX.test(s.trim().toLowerCase())) {
      throw new Error(`official domains: "${String(s)}" is not a domain suffix such as "gov.vn"`);
    }
    return s.trim().toLowerCase();
  });
  return { suffixes: out };
}

export function isOfficialHost(host: string, domains: OfficialDomains): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return domains.suffixes.some((s) => h === s || h.endsWith(`.${s}`));
}

/**
 * The link as a call-to-action target when its host is official: an absolute http(s) URL (a bare domain gets
 * "https://"), or null. URLs with credentials ("https://gov.vn@evil.example") are never official.
 */
export function officialLink(asWritten: string, domains: OfficialDomains): PlanLink | null {
  const written = asWritten.trim();
  const absolute = /^https?:\/\//iu.test(written) ? written : `https://${written}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  if (!isOfficialHost(host, domains)) return null;
  return { url: absolute, host, asWritten: written };
}
