export interface ScriptInput {
  title: string;
  body: string;
  issuer: string | null;
  documentCode: string | null;
}

export interface BroadcastScript {
  text: string;
  /** Words, and seconds at a steady reading pace (~130 Vietnamese syllables a minute on air). */
  words: number;
  estimatedSeconds: number;
}

const SYLLABLES_PER_MINUTE = 130;

/**
 * Writes the text a station reads aloud (pure): an opening, the body, a closing. Vietnamese words are
 * syllables separated by spaces, so word count is the syllable count that sets the reading time.
 */
export function writeBroadcastScript(input: ScriptInput): BroadcastScript {
  const issuer = input.issuer ? titleCase(input.issuer) : 'Sở Thông tin và Truyền thông';
  const basis = input.documentCode ? ` theo văn bản số ${input.documentCode}` : '';
  const text = [
    'Kính thưa quý vị và các bạn!',
    `${issuer} xin thông tin đến toàn thể nhân dân${basis}: ${input.title.trim()}.`,
    input.body.trim(),
    'Đề nghị bà con nhân dân quan tâm theo dõi và tích cực hưởng ứng. Xin trân trọng cảm ơn quý vị và các bạn đã lắng nghe!',
  ]
    .join('\n\n')
    .normalize('NFC');
  const words = text.split(/\s+/).filter(Boolean).length;
  return { text, words, estimatedSeconds: Math.ceil((words / SYLLABLES_PER_MINUTE) * 60) };
}

/** "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → "Sở Thông tin và Truyền thông"-like sentence case for reading. */
function titleCase(upper: string): string {
  if (upper !== upper.toUpperCase()) return upper.trim();
  const lower = upper.toLowerCase().trim();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
