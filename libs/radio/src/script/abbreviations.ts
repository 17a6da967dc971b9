/**
 * The abbreviation dictionary (data: config/radio-abbreviations.json). Pure: built from a plain object, matched
 * case-sensitively as whole words (not inside a longer word or number), longest key first.
 */
export class AbbreviationDictionary {
  readonly entries: ReadonlyMap<string, string>;
  /** Matches any key as a whole word; global and Unicode-aware. */
  readonly pattern: RegExp | null;

  constructor(entries: Record<string, string>) {
    const map = new Map<string, string>();
    for (const [k, v] of Object.entries(entries)) {
      const key = k.normalize('NFC').trim();
      const value = v.normalize('NFC').trim();
      if (key && value) map.set(key, value);
    }
    this.entries = map;
    const keys = [...map.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = keys.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${keys.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  }

  expansion(key: string): string | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }
}

export class AbbreviationDictionaryError extends Error {}

/** Validates the JSON file's shape: `{ "abbreviations": { "UBND": "Ủy ban nhân dân", … } }`. */
export function parseAbbreviationDictionary(json: unknown): AbbreviationDictionary {
  const entries = (json as { abbreviations?: unknown } | null)?.abbreviations;
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
    throw new AbbreviationDictionaryError('radio abbreviations: expected an object "abbreviations" of key → reading');
  }
  const bad = Object.entries(entries).filter(([, v]) => typeof v !== 'string' || !v.trim());
  if (bad.length) {
    throw new AbbreviationDictionaryError(
      `radio abbreviations: every reading must be a non-empty string (${bad.map(([k]) => k).join(', ')})`,
    );
  }
  return new AbbreviationDictionary(entries as Record<string, string>);
}

/** Replaces every dictionary abbreviation in `text` by its reading. */
export function expandAbbreviations(text: string, dictionary: AbbreviationDictionary): string {
  if (!dictionary.pattern) return text.normalize('NFC');
  return text.normalize('NFC').replace(dictionary.pattern, (m) => dictionary.expansion(m) ?? m);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
