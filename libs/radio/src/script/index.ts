export {
  type Dialect,
  formatDuration,
  readDate,
  readDecimal,
  readDigits,
  type ReadingOptions,
  readInteger,
  readMonth,
  readOrdinal,
  readTime,
} from './vietnamese-numbers';
export { readDocumentCode, readSymbol, spellAddress, spellLetters } from './spell';
export {
  AbbreviationDictionary,
  AbbreviationDictionaryError,
  expandAbbreviations,
  parseAbbreviationDictionary,
} from './abbreviations';
export { countSyllables, type SpeechText, type SpeechTextOptions, toSpeechText } from './speech-text';
export {
  type BroadcastScript,
  DEFAULT_SYLLABLES_PER_MINUTE,
  issuerName,
  officialCase,
  RADIO_PRIORITIES,
  type RadioPriority,
  type ScriptDirective,
  type ScriptInput,
  type ScriptOptions,
  writeBroadcastScript,
} from './write-script';
