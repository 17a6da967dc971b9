/** Web addresses in a letter: full URLs as written, bare domains ("vandongxahoi.mattran.org.vn") in lowercase. */

const URL_PATTERN = /(?:https?:\/\/|www\.)[^\s<>"“”‘’()[\]{}]{1,500}/giu;
/** Labels are delimited by "." (outside their class), so this cannot backtrack beyond one label. */
const DOMAIN_PATTERN =
  /(?<![\p{L}\d@.\-/])(?:[a-z\d-]{1,63}\.){1,6}(?:vn|com|net|org|gov|edu|info|int|biz|asia|io|me|tv|online|site)(?![\p{L}\d-])(?:\/[^\s<>"“”()]{0,300})?/giu;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '”', '’', '"', "'", '…', '/']);
const MAX_LINKS = 100;

function trimTrailing(link: string): string {
  let end = link.length;
  while (end > 0 && TRAILING.has(link[end - 1])) end--;
  return link.slice(0, end);
}

function isWellFormedDomain(domain: string): boolean {
  return domain.split('.').every((label) => label !== '' && !label.startsWith('-') && !label.endsWith('-'));
}

function hostOf(link: string): string {
  return link.replace(/^https?:\/\//iu, '').split('/')[0];
}

export function extractLinks(text: string): string[] {
  const links: string[] = [];
  const seen = new Set<string>();
  const add = (link: string) => {
    const key = link.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      links.push(link);
    }
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    if (links.length >= MAX_LINKS) return links;
    const link = trimTrailing(match[0]);
    const host = hostOf(link);
    if (host.includes('.') && isWellFormedDomain(host)) add(link);
  }
  // The look-behind skips hosts inside the URLs above (preceded by "/" or "."); "www." ones dedupe by key.
  for (const match of text.matchAll(DOMAIN_PATTERN)) {
    if (links.length >= MAX_LINKS) return links;
    const link = trimTrailing(match[0]).toLowerCase();
    if (isWellFormedDomain(hostOf(link))) add(link);
  }
  return links;
}
