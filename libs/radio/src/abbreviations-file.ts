import { readConfigJson } from '@loa/config';
import { AbbreviationDictionary, parseAbbreviationDictionary } from './script/abbreviations';

let cached: AbbreviationDictionary | null = null;

/** The dictionary kept as data in config/radio-abbreviations.json (read once per process). */
export function radioAbbreviations(): AbbreviationDictionary {
  cached ??= parseAbbreviationDictionary(readConfigJson('radio-abbreviations.json'));
  return cached;
}
