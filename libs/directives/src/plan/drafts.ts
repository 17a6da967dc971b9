import { analyzeText, isGsm7, stripDiacritics } from '@loa/sms-text';
import type { DirectiveFields } from '../extract';
import { fold, foldText } from './fold';
import type { BannerDraft, EmailDraft, PlanDrafts, PlanLink, RadioDraft, SmsDraft } from './types';

/** Issuers letters write in capitals, with their usual spelling and the short form an SMS signs with. */
const KNOWN_ISSUERS: ReadonlyArray<{ folded: string; name: string; short: string }> = [
  { folded: 'so thong tin va truyen thong', name: 'Sở Thông tin và Truyền thông', short: 'Sở TTTT' },
  { folded: 'so khoa hoc va cong nghe', name: 'Sở Khoa học và Công nghệ', short: 'Sở KH&CN' },
  { folded: 'so van hoa, the thao va du lich', name: 'Sở Văn hóa, Thể thao và Du lịch', short: 'Sở VHTTDL' },
  { folded: 'so y te', name: 'Sở Y tế', short: 'Sở Y tế' },
  { folded: 'ban tuyen giao', name: 'Ban Tuyên giáo', short: 'Ban Tuyên giáo' },
  { folded: 'ban tuyen giao va dan van', name: 'Ban Tuyên giáo và Dân vận', short: 'Ban TG&DV' },
  { folded: 'uy ban nhan dan', name: 'Ủy ban nhân dân', short: 'UBND' },
  { folded: 'ubnd', name: 'Ủy ban nhân dân', short: 'UBND' },
];

export const SMS_MAX_SEGMENTS = 2;
export const BANNER_HEADLINE_MAX = 120;
export const BANNER_BODY_MAX = 300;
export const TITLE_MAX = 300;
export const DEFAULT_SLOTS: readonly string[] = ['06:00', '17:00'];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Đẩy mạnh …" → "đẩy mạnh …" inside a sentence; acronyms ("UBND …") are kept. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "SÓC TRĂNG" → "Sóc Trăng". */
function titleCase(text: string): string {
  return text.toLowerCase().split(/\s+/).filter(Boolean).map(capitalise).join(' ');
}

/** "SỞ THÔNG TIN …" → "Sở thông tin …" for unknown issuers written in capitals; mixed case is kept. */
function sentenceCase(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === t.toUpperCase() ? capitalise(t.toLowerCase()) : t;
}

/** Cuts text to at most `max` characters at a word boundary, adding `ellipsis`. */
export function truncateWords(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  const cut = text.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > room / 2 ? cut.slice(0, space) : text.slice(0, room)).replace(/[\s,;:.\-–]+$/u, '')}${ellipsis}`;
}

export interface Sender {
  /** "Sở Thông tin và Truyền thông tỉnh Sóc Trăng", "Ban Tuyên giáo Tỉnh ủy Sóc Trăng"; null when unknown. */
  readonly display: string | null;
  /** "Sở TTTT Sóc Trăng": signs the SMS. */
  readonly short: string | null;
}

/** Who sends the letter, for people: issuer under its parent authority. */
export function senderOf(fields: DirectiveFields): Sender {
  const issuer = fields.issuer ? fields.issuer.replace(/\s+/g, ' ').trim() : null;
  const known = issuer ? KNOWN_ISSUERS.find((k) => k.folded === fold(issuer)) : undefined;
  const name = known?.name ?? (issuer ? sentenceCase(issuer) : null);
  const short = known?.short ?? name;
  const parent = fields.parentAuthority ? foldText(fields.parentAuthority.replace(/\s+/g, ' ').trim()) : null;
  let where: { display: string; place: string } | null = null;
  if (parent) {
    const state = /^(?:uy ban nhan dan|ubnd) (tinh|thanh pho|huyen|quan|thi xa|xa|phuong) (.+)$/.exec(parent.folded);
    const party = /^(tinh uy|thanh uy|huyen uy|thi uy|dang uy) (.+)$/.exec(parent.folded);
    if (state) {
      const levelAt = parent.folded.indexOf(state[1], parent.folded.indexOf(' ') + 1);
      const level = parent.lower.slice(levelAt, levelAt + state[1].length);
      const place = titleCase(parent.original.slice(parent.folded.length - state[2].length));
      where = { display: `${level} ${place}`, place };
    } else if (party) {
      const body = sentenceCase(parent.original.slice(0, party[1].length));
      const place = titleCase(parent.original.slice(parent.folded.length - party[2].length));
      where = { display: `${body} ${place}`, place };
    } else {
      where = { display: sentenceCase(parent.original), place: '' };
    }
  }
  if (!name) return { display: where ? capitalise(where.display) : null, short: null };
  return {
    display: where ? `${name} ${where.display}` : name,
    short: where?.place ? `${short} ${where.place}` : short,
  };
}

/** "Công văn số 570/STTTT-TTBCBC ngày 04/6/2021"; a blank number stays blank ("…"); null without a code. */
export function documentReference(fields: DirectiveFields): string | null {
  const kind = fields.documentType ? capitalise(fields.documentType) : 'Văn bản';
  const code = fields.documentCode ? `${fields.documentCode.number ?? '…'}/${fields.documentCode.symbol}` : null;
  const d = fields.date;
  const date =
    d?.day && d.month ? ` ngày ${d.day}/${d.month}/${d.year}` : d?.month ? ` tháng ${d.month}/${d.year}` : '';
  return code ? `${kind} số ${code}${date}` : null;
}

/** Punctuation outside GSM-7 that has a plain equivalent. */
const SMS_PUNCTUATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/[“”„‟«»]/gu, '"'],
  [/[‘’‚‛]/gu, "'"],
  [/[‐-―−]/gu, '-'],
  [/…/gu, '...'],
  [/[\u00a0\u2000-\u200b\u202f]/gu, ' '],
];

/** Text whose diacritic-stripped form is GSM-7: plain punctuation, characters outside the alphabet dropped. */
function smsSafe(text: string): string {
  let t = text.normalize('NFC');
  for (const [pattern, plain] of SMS_PUNCTUATION) t = t.replace(pattern, plain);
  return [...t].filter((c) => isGsm7(stripDiacritics(c))).join('');
}

function smsDraft(sender: Sender, subject: string, link: PlanLink | null): { draft: SmsDraft; shortened: boolean } {
  const prefix = sender.short ? `${sender.short}: ` : '';
  const suffix = link ? ` Xem: ${link.asWritten.replace(/^https?:\/\//iu, '')}` : '';
  const compose = (s: string) => smsSafe(`${prefix}${s}${/[.!?]$/u.test(s) ? '' : '.'}${suffix}`);
  const fits = (t: string) => {
    const a = analyzeText(stripDiacritics(t));
    return a.encoding === 'GSM-7' && a.segments <= SMS_MAX_SEGMENTS;
  };
  let body = subject;
  let text = compose(body);
  let shortened = false;
  while (!fits(text) && body.length > 0) {
    body = truncateWords(body, Math.max(0, body.length - 10), '...');
    if (body === '...') body = '';
    text = compose(body);
    shortened = true;
  }
  const preview = stripDiacritics(text);
  const analysis = analyzeText(preview);
  return {
    draft: {
      text,
      stripDiacritics: true,
      preview,
      encoding: analysis.encoding,
      segments: analysis.segments,
      length: analysis.length,
    },
    shortened,
  };
}

function emailDraft(fields: DirectiveFields, sender: Sender, title: string, link: PlanLink | null): EmailDraft {
  const subject = `V/v ${(fields.subject ?? title).replace(/^V\/v\s*/iu, '')}`;
  const reference = documentReference(fields);
  const from = sender.display ?? 'Cơ quan ban hành';
  const what = [reference ?? 'văn bản', fields.subject ? `về việc ${lowerFirst(fields.subject)}` : null]
    .filter(Boolean)
    .join(' ');
  const paragraphs = [
    `${from} trân trọng gửi Quý cơ quan, đơn vị ${reference ? what.charAt(0).toLowerCase() + what.slice(1) : what} (văn bản đính kèm).`,
    'Đề nghị Quý cơ quan, đơn vị nghiên cứu, triển khai thực hiện theo nội dung văn bản và xác nhận đã nhận văn bản qua đường liên kết trong thư này.',
  ];
  if (link) paragraphs.push(`Trang thông tin: ${link.url}`);
  return { subject, message: paragraphs.join('\n\n') };
}

function bannerDraft(fields: DirectiveFields, sender: Sender, subject: string, link: PlanLink | null): BannerDraft {
  const reference = documentReference(fields);
  const body = link
    ? `Tìm hiểu thêm tại ${link.host}`
    : [reference, sender.display ? `của ${sender.display}` : null].filter(Boolean).join(' ');
  return {
    headline: truncateWords(subject, BANNER_HEADLINE_MAX),
    body: truncateWords(body, BANNER_BODY_MAX),
    targetUrl: link?.url ?? null,
  };
}

/** A link read aloud: "vandongxahoi.mattran.org.vn" → "vandongxahoi chấm mattran chấm org chấm vn". */
export function spokenLink(link: PlanLink): string {
  return link.asWritten
    .replace(/^https?:\/\//iu, '')
    .replace(/^www\./iu, '')
    .replace(/\/+$/u, '')
    .toLowerCase()
    .replace(/\./g, ' chấm ')
    .replace(/\//g, ' gạch chéo ')
    .replace(/-/g, ' gạch ngang ')
    .replace(/_/g, ' gạch dưới ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The radio script: what the letter asks people to know (its own paragraphs, numbers and addresses as written; the
 * script writer reads them as words), else its subject; the link is named unless the message already gives it.
 */
function radioDraft(subject: string, link: PlanLink | null, message: readonly string[] | null): RadioDraft {
  const paragraphs = message?.length ? [...message] : [`${subject}${/[.!?]$/u.test(subject) ? '' : '.'}`];
  const linkGiven = link !== null && paragraphs.some((p) => p.toLowerCase().includes(link.host.toLowerCase()));
  if (link && !linkGiven) {
    paragraphs.push(`Thông tin chi tiết được đăng tải tại trang thông tin điện tử ${spokenLink(link)}.`);
  }
  return { script: paragraphs.join('\n\n'), slots: DEFAULT_SLOTS };
}

/** The campaign title: the subject, capitalised ("V/v" dropped), or the document reference. */
export function proposeTitle(fields: DirectiveFields): string {
  const subject = fields.subject?.replace(/^V\/v\s*/iu, '').trim();
  if (subject) return truncateWords(capitalise(subject), TITLE_MAX);
  return truncateWords(documentReference(fields) ?? 'Chiến dịch tuyên truyền', TITLE_MAX);
}

/** Texts to start from on every channel, in Vietnamese (what recipients read). */
export function writeDrafts(
  fields: DirectiveFields,
  link: PlanLink | null,
  message: readonly string[] | null = null,
): { drafts: PlanDrafts; smsShortened: boolean } {
  const sender = senderOf(fields);
  const title = proposeTitle(fields);
  const sms = smsDraft(sender, title, link);
  return {
    drafts: {
      sms: sms.draft,
      email: emailDraft(fields, sender, title, link),
      banner: bannerDraft(fields, sender, title, link),
      radio: radioDraft(title, link, message),
    },
    smsShortened: sms.shortened,
  };
}
