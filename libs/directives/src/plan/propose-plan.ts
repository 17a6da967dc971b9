import { extractDirective } from '../extract';
import type { DirectiveFields } from '../extract';
import { ADDRESSEE_RULES, AddresseeRule, FALLBACK_REASON, GROUP_MARKERS } from './addressee-rules';
import { bodyMentions } from './body-mentions';
import { findMentions } from './find-mentions';
import { foldText } from './fold';
import { proposeTitle, writeDrafts } from './drafts';
import { publicMessage } from './public-message';
import { nameKey, provinceKey } from './names';
import { OfficialDomains, officialLink } from './official-domains';
import {
  Bilingual,
  ChannelPlanProposal,
  PLAN_CHANNELS,
  PlanChannel,
  PlanEntry,
  PlanLink,
  PlanNote,
  PlanScope,
  PlanSource,
} from './types';

export interface ProposePlanOptions {
  readonly officialDomains: OfficialDomains;
}

/** More entries than a person can review: the rest is left out, and a note says so. */
export const MAX_PLAN_ENTRIES = 200;

/** A copy-to entry asks for action when its note says so: "Cổng TTĐT tỉnh (đăng tải thông tin)". */
const COPY_TO_TASK =
  /\((?:để\s)?(?:đăng|đưa tin|phát|tuyên truyền|thực hiện|triển khai|tiếp âm|phát sóng|chỉ đạo)[^)]*\)/iu;

function reasonFor(rule: AddresseeRule | null, source: PlanSource, item: string | null, note?: string): Bilingual {
  const why = rule ? rule.reason : FALLBACK_REASON;
  switch (source) {
    case 'addressee':
      return { vi: `Kính gửi: ${why.vi}.`, en: `Addressee ("Kính gửi"): ${why.en}.` };
    case 'body':
      return item
        ? {
            vi: `Văn bản giao nhiệm vụ (mục ${item}): ${why.vi}.`,
            en: `The body asks it to act (point ${item}): ${why.en}.`,
          }
        : { vi: `Văn bản giao nhiệm vụ: ${why.vi}.`, en: `The body asks it to act: ${why.en}.` };
    case 'copy-to':
      return {
        vi: `Nơi nhận ${note ?? ''}: ${why.vi}.`.replace(' :', ':'),
        en: `Copy-to with a task ${note ?? ''}: ${why.en}.`.replace(' :', ':'),
      };
  }
}

function entry(
  channel: PlanChannel,
  addressee: string,
  rule: AddresseeRule | null,
  scope: PlanScope,
  source: PlanSource,
  item: string | null,
  note?: string,
): PlanEntry {
  return {
    channel,
    addressee: addressee.normalize('NFC'),
    group: rule?.group ?? null,
    scope,
    source,
    item,
    rule: rule?.id ?? null,
    reason: reasonFor(rule, source, item, note),
  };
}

/** One "Kính gửi" line: one entry, or one per group when the line names several; the fallback when none. */
function addresseeEntries(line: string): PlanEntry[] {
  const text = foldText(line);
  const mentions = findMentions(text, 0, text.original.length);
  if (mentions.length === 0) return [entry('email', line, null, 'named', 'addressee', null)];
  const first = mentions[0];
  if (mentions.every((m) => m.rule.channel === first.rule.channel && m.rule.group === first.rule.group)) {
    const scope: PlanScope =
      mentions.some((m) => m.scope === 'group') || GROUP_MARKERS.test(text.folded) ? 'group' : 'named';
    return [entry(first.rule.channel, line, first.rule, scope, 'addressee', null)];
  }
  return mentions.map((m) => entry(m.rule.channel, m.text, m.rule, m.scope, 'addressee', null));
}

function copyToEntries(copyTo: readonly string[]): PlanEntry[] {
  const out: PlanEntry[] = [];
  for (const line of copyTo) {
    const task = COPY_TO_TASK.exec(line);
    if (!task) continue;
    const name = line.slice(0, task.index).trim();
    const text = foldText(name);
    for (const m of findMentions(text, 0, text.original.length, ADDRESSEE_RULES)) {
      out.push(entry(m.rule.channel, m.text, m.rule, m.scope, 'copy-to', null, task[0]));
    }
  }
  return out;
}

/**
 * Keeps every addressee; adds what the body and copy-to name only when it is new: not the same body twice,
 * not a second mention of a group already addressed as a whole, not one member of a group addressed as a whole.
 */
function combine(addressees: PlanEntry[], others: PlanEntry[], provinces: string[]): PlanEntry[] {
  const key = (e: PlanEntry) => `${e.channel}|${nameKey(e.addressee, provinces)}`;
  const wholeGroup = (e: PlanEntry) => `${e.channel}|${e.group}`;
  const wholeGroups = new Set([...addressees, ...others].filter((e) => e.scope === 'group').map(wholeGroup));
  const seen = new Set(addressees.map(key));
  const groupsTaken = new Set(addressees.filter((e) => e.scope === 'group').map(wholeGroup));
  const out = [...addressees];
  for (const e of others) {
    if (seen.has(key(e))) continue;
    if (e.scope === 'group' ? groupsTaken.has(wholeGroup(e)) : wholeGroups.has(wholeGroup(e))) continue;
    seen.add(key(e));
    if (e.scope === 'group') groupsTaken.add(wholeGroup(e));
    out.push(e);
  }
  return out;
}

function notesFor(
  fields: DirectiveFields,
  entries: readonly PlanEntry[],
  channels: readonly PlanChannel[],
  link: PlanLink | null,
  rejectedLinks: readonly string[],
  smsShortened: boolean,
): PlanNote[] {
  const notes: PlanNote[] = [];
  if (!fields.addressees) {
    notes.push({
      code: 'no-addressees',
      vi: 'Không tìm thấy mục “Kính gửi”; kế hoạch được đề xuất từ nội dung văn bản.',
      en: 'No “Kính gửi” addressee list was found; the plan is read from the body of the letter.',
    });
  }
  if (entries.length === 0) {
    notes.push({
      code: 'no-entries',
      vi: 'Không nhận ra người nhận nào; hãy chọn kênh và người nhận.',
      en: 'No addressee was recognised; choose the channels and recipients.',
    });
  }
  for (const e of entries.filter((x) => x.rule === null)) {
    notes.push({
      code: 'unrecognised-addressee',
      vi: `Chưa nhận ra nhóm của “${e.addressee}”: tạm đề xuất gửi thư điện tử.`,
      en: `The group of “${e.addressee}” was not recognised: proposed for email for now.`,
    });
  }
  for (const l of rejectedLinks) {
    notes.push({
      code: 'unofficial-link',
      vi: `Liên kết “${l}” không thuộc tên miền chính thức (config/official-domains.json) nên không được dùng làm đích.`,
      en: `The link “${l}” is not on an official domain (config/official-domains.json), so it is not used as a target.`,
    });
  }
  if (!link && (channels.includes('banner') || channels.includes('sms'))) {
    notes.push({
      code: 'no-official-link',
      vi: 'Văn bản không có liên kết chính thức: hãy nhập địa chỉ đích cho banner.',
      en: 'The letter has no official link: enter the banner’s target address.',
    });
  }
  if (channels.includes('sms')) {
    notes.push({
      code: 'sms-carrier-orders',
      vi: 'Kênh SMS: đề xuất đặt lệnh để doanh nghiệp viễn thông gửi đến thuê bao trên địa bàn; có thể thêm danh sách thuê bao (subscribers) để gửi trực tiếp.',
      en: 'SMS: carriers are asked (carrier orders) to send to their subscribers in the area; add a subscriber list (subscribers) to send directly as well.',
    });
  }
  if (smsShortened) {
    notes.push({
      code: 'sms-shortened',
      vi: 'Tin nhắn đã được rút gọn để vừa 2 tin nhắn (GSM-7, không dấu).',
      en: 'The SMS text was shortened to fit 2 segments (GSM-7, without diacritics).',
    });
  }
  return notes;
}

/**
 * Proposes a channel plan for a directive (pure): who is reached on which channel and why, the call-to-action
 * link, and editable texts for every channel. `fields` defaults to extracting them from `text`.
 */
export function proposeChannelPlan(
  text: string,
  options: ProposePlanOptions,
  fields: DirectiveFields = extractDirective(text),
): ChannelPlanProposal {
  const provinces = [fields.parentAuthority, fields.place]
    .filter((p): p is string => !!p)
    .map(provinceKey)
    .filter(Boolean);
  const addressees = (fields.addressees ?? []).flatMap(addresseeEntries);
  const body = bodyMentions(text, fields).map((m) => entry(m.rule.channel, m.text, m.rule, m.scope, 'body', m.item));
  const copyTo = copyToEntries(fields.copyTo ?? []);
  const all = combine(addressees, [...body, ...copyTo], provinces);
  const entries = all.slice(0, MAX_PLAN_ENTRIES);
  const channels = PLAN_CHANNELS.filter((c) => entries.some((e) => e.channel === c));

  let link: PlanLink | null = null;
  const rejected: string[] = [];
  for (const written of fields.links ?? []) {
    const official = officialLink(written, options.officialDomains);
    if (!official) rejected.push(written);
    else link ??= official;
  }
  const { drafts, smsShortened } = writeDrafts(fields, link, publicMessage(text, fields));
  return {
    title: proposeTitle(fields),
    entries,
    channels,
    link,
    drafts,
    notes: [
      ...notesFor(fields, entries, channels, link, rejected, smsShortened),
      ...(all.length > entries.length
        ? [
            {
              code: 'too-many-entries',
              vi: `Chỉ hiển thị ${MAX_PLAN_ENTRIES}/${all.length} người nhận đầu tiên.`,
              en: `Only the first ${MAX_PLAN_ENTRIES} of ${all.length} addressees are listed.`,
            },
          ]
        : []),
    ],
  };
}
