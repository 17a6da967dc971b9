import type { Bilingual, PlanChannel } from './types';

/**
 * THE table that turns the words of a letter into channels. One row per kind of addressee: a pattern, the channel
 * that reaches it, the addressee group (the same codes as the directory's agency groups) and the reason shown to
 * the editor. To teach Loa a new addressee, add a row here.
 *
 * Patterns run over folded text: NFC, lowercase, without diacritics, đ → d, every dash "-" ("Đài Truyền thanh" →
 * "dai truyen thanh"), so OCR that loses a mark still matches. Rows are tried in order and the earliest match in
 * the text wins; at the same position the earlier row wins, which is why broadcasters ("Đài Phát thanh - Truyền
 * hình", press → email) come before radio stations ("Đài Phát thanh huyện", loudspeakers → radio).
 */
export interface AddresseeRule {
  readonly id: string;
  readonly channel: PlanChannel;
  readonly group: string;
  readonly pattern: RegExp;
  /** Something one publishes on: also read after "trên", "lên", "qua" ("đăng trên Cổng TTĐT tỉnh"). */
  readonly medium?: boolean;
  /** Always a whole group ("sở, ban, ngành"), whatever words surround it. */
  readonly collective?: boolean;
  /**
   * Without diacritics the keyword collides with other words (sở/số, báo/bảo/bão): the keyword as written
   * (lowercase) must match this, and a capitalised name must follow it ("Sở Y tế", "Báo Sóc Trăng").
   */
  readonly properName?: RegExp;
  readonly reason: Bilingual;
}

const STATION = String.raw`(?:dai|tram)(?:\s?\/\s?(?:dai|tram))?`;
const RADIO = String.raw`(?:truyen thanh|phat thanh)`;
const DISTRICT = String.raw`(?:huyen|quan|thi xa|thanh pho)`;
const COMMUNE = String.raw`(?:xa|phuong|thi tran|co so)`;
const PEOPLE_COMMITTEE = String.raw`(?:thuong truc )?(?:uy ban nhan dan|ubnd)`;

const re = (source: string) => new RegExp(source, 'g');

export const ADDRESSEE_RULES: readonly AddresseeRule[] = [
  // ── SMS: telecom carriers send to their subscribers ─────────────────────────────────────────────────────────
  {
    id: 'carriers',
    channel: 'sms',
    group: 'doanh-nghiep-vien-thong',
    collective: true,
    pattern: re(
      String.raw`\b(?:doanh nghiep|nha mang|nha cung cap)(?: cung cap dich vu)? (?:vien thong|thong tin di dong|di dong)\b|\bmang (?:vien thong|di dong)\b`,
    ),
    reason: {
      vi: 'doanh nghiệp viễn thông gửi tin nhắn SMS đến thuê bao',
      en: 'telecom carriers send the SMS to their subscribers',
    },
  },
  {
    id: 'carrier',
    channel: 'sms',
    group: 'doanh-nghiep-vien-thong',
    pattern: re(String.raw`\b(?:viettel|vinaphone|mobifone|vietnamobile|gmobile|itel|reddi|vnpt)\b`),
    reason: {
      vi: 'nhà mạng gửi tin nhắn SMS đến thuê bao của mình',
      en: 'the carrier sends the SMS to its subscribers',
    },
  },
  // ── Press and broadcasters: they receive the letter by email and report on it ───────────────────────────────
  {
    id: 'broadcaster',
    channel: 'email',
    group: 'bao-chi',
    medium: true,
    pattern: re(
      String.raw`\bdai (?:phat thanh\s?(?:-|va|&|,)\s?truyen hinh|pt\s?-?\s?th|ptth|pt\s?&\s?th|truyen hinh|tieng noi viet nam)\b`,
    ),
    reason: {
      vi: 'đài phát thanh - truyền hình là cơ quan báo chí: nhận văn bản qua thư điện tử để đưa tin',
      en: 'a broadcaster is press: it receives the letter by email and reports on it',
    },
  },
  {
    id: 'press',
    channel: 'email',
    group: 'bao-chi',
    medium: true,
    collective: true,
    pattern: re(String.raw`\b(?:co quan )?(?:thong tan )?bao chi\b|\bbao,? dai\b`),
    reason: {
      vi: 'cơ quan báo chí nhận văn bản qua thư điện tử để đưa tin',
      en: 'the press receives the letter by email and reports on it',
    },
  },
  {
    id: 'newspaper',
    channel: 'email',
    group: 'bao-chi',
    medium: true,
    pattern: re(String.raw`\bbao dien tu\b|\b(?:bao|tap chi)\b`),
    properName: /^(?:b[áa]o(?: đi[ệe]n t[ửu])?|t[ạa]p ch[íi])$/u,
    reason: {
      vi: 'báo, tạp chí nhận văn bản qua thư điện tử để đưa tin',
      en: 'the newspaper receives the letter by email and reports on it',
    },
  },
  // ── Radio: stations and loudspeakers air a script; commune stations relay (tiếp âm) their district ──────────
  {
    id: 'radio-district-and-commune',
    channel: 'radio',
    group: 'dai-truyen-thanh',
    medium: true,
    collective: true,
    pattern: re(String.raw`\b${STATION} ${RADIO} cap huyen(?:,| va) cap xa\b`),
    reason: {
      vi: 'đài truyền thanh cấp huyện và cấp xã phát bản tin trên hệ thống loa',
      en: 'district and commune radio stations air the script on their loudspeakers',
    },
  },
  {
    id: 'radio-commune',
    channel: 'radio',
    group: 'dai-truyen-thanh-xa',
    medium: true,
    pattern: re(
      String.raw`\b(?:${STATION}|loa) ${RADIO}(?: (?:cap|cac))? ${COMMUNE}\b|\bhe thong (?:loa |dai )?(?:truyen thanh|phat thanh|thong tin) co so\b`,
    ),
    reason: {
      vi: 'đài/trạm truyền thanh cấp xã (loa cơ sở) phát bản tin, tiếp âm đài cấp huyện',
      en: 'commune radio stations (grassroots loudspeakers) air the script, relaying their district',
    },
  },
  {
    id: 'radio-district',
    channel: 'radio',
    group: 'dai-truyen-thanh-huyen',
    medium: true,
    pattern: re(
      String.raw`\b${STATION} ${RADIO}(?: (?:cap|cac))? ${DISTRICT}\b|\btrung tam (?:van hoa[^;.:]{0,60}?truyen thanh|vh,? ?tt ?(?:va|&|-) ?tt|truyen thong (?:va |- ?)?van hoa)\b`,
    ),
    reason: {
      vi: 'đài truyền thanh cấp huyện phát bản tin trên hệ thống loa; đài cấp xã tiếp âm',
      en: 'district radio stations air the script on their loudspeakers; commune stations relay it',
    },
  },
  {
    id: 'radio',
    channel: 'radio',
    group: 'dai-truyen-thanh',
    medium: true,
    pattern: re(String.raw`\b${STATION} truyen thanh\b|\bdai phat thanh\b|\bloa ${RADIO}\b`),
    reason: {
      vi: 'đài truyền thanh phát bản tin trên hệ thống loa',
      en: 'radio stations air the script on their loudspeakers',
    },
  },
  // ── Banner: portals and websites carry it ───────────────────────────────────────────────────────────────────
  {
    id: 'portal',
    channel: 'banner',
    group: 'cong-ttdt',
    medium: true,
    pattern: re(
      String.raw`\b(?:cong|trang)(?:\s?\/\s?(?:cong|trang))? (?:thong tin|tt) dien tu\b|\b(?:cong|trang) ttdt\b|\bcong thong tin\b|\bwebsite\b|\btrang web\b`,
    ),
    reason: {
      vi: 'cổng/trang thông tin điện tử đăng banner dẫn đến trang chính thức',
      en: 'the portal carries the banner, linking to the official page',
    },
  },
  // ── Email: government, Party and mass organisations receive the official dispatch ───────────────────────────
  {
    id: 'departments',
    channel: 'email',
    group: 'so-ban-nganh',
    collective: true,
    pattern: re(String.raw`\bso,? ban,? nganh\b|\bcac so\b`),
    reason: {
      vi: 'sở, ban, ngành nhận công văn qua thư điện tử để triển khai',
      en: 'provincial departments receive the letter by email to act on it',
    },
  },
  {
    id: 'department',
    channel: 'email',
    group: 'so-ban-nganh',
    pattern: re(String.raw`\bso\b`),
    properName: /^s[ởo]$/u,
    reason: {
      vi: 'sở nhận công văn qua thư điện tử để triển khai',
      en: 'the department receives the letter by email to act on it',
    },
  },
  {
    id: 'district-people-committees',
    channel: 'email',
    group: 'ubnd-huyen',
    pattern: re(String.raw`\b${PEOPLE_COMMITTEE}(?: (?:cap|cac))? ${DISTRICT}\b`),
    reason: {
      vi: 'UBND cấp huyện nhận công văn qua thư điện tử để chỉ đạo thực hiện',
      en: 'district people’s committees receive the letter by email to direct the work',
    },
  },
  {
    id: 'commune-people-committees',
    channel: 'email',
    group: 'ubnd-xa',
    pattern: re(String.raw`\b${PEOPLE_COMMITTEE}(?: (?:cap|cac))? (?:xa|phuong|thi tran)\b`),
    reason: {
      vi: 'UBND cấp xã nhận công văn qua thư điện tử để triển khai tại cơ sở',
      en: 'commune people’s committees receive the letter by email to act locally',
    },
  },
  {
    id: 'province-people-committee',
    channel: 'email',
    group: 'ubnd-tinh',
    pattern: re(String.raw`\b${PEOPLE_COMMITTEE} tinh\b`),
    reason: {
      vi: 'UBND tỉnh nhận công văn qua thư điện tử',
      en: 'the provincial people’s committee receives the letter by email',
    },
  },
  {
    id: 'party-committees',
    channel: 'email',
    group: 'cap-uy',
    pattern: re(
      String.raw`\b(?:cap uy|huyen uy|thi uy|thanh uy|dang uy|tinh uy|ban can su dang|dang doan|ban (?:tuyen giao|tuyen huan|dan van|to chuc|kiem tra))\b`,
    ),
    reason: {
      vi: 'cấp ủy và các ban của Đảng nhận văn bản qua thư điện tử để lãnh đạo, chỉ đạo',
      en: 'Party committees and their boards receive the letter by email to lead the work',
    },
  },
  {
    id: 'mass-organisations',
    channel: 'email',
    group: 'mat-tran-doan-the',
    collective: true,
    pattern: re(String.raw`\b(?:to chuc chinh tri\s?-\s?xa hoi|doan the)\b`),
    reason: {
      vi: 'Mặt trận Tổ quốc và các đoàn thể nhận văn bản qua thư điện tử để vận động hội viên',
      en: 'the Fatherland Front and mass organisations receive the letter by email to mobilise their members',
    },
  },
  {
    id: 'fatherland-front',
    channel: 'email',
    group: 'mat-tran-doan-the',
    pattern: re(
      String.raw`\b(?:(?:uy ban )?(?:trung uong )?mat tran to quoc|ub ?mttq(?:vn)?|mttq(?:vn)?|hoi (?:lien hiep phu nu|nong dan|cuu chien binh)|(?:tinh |huyen )?doan thanh nien|lien doan lao dong)\b`,
    ),
    reason: {
      vi: 'Mặt trận Tổ quốc và các đoàn thể nhận văn bản qua thư điện tử để vận động hội viên',
      en: 'the Fatherland Front and mass organisations receive the letter by email to mobilise their members',
    },
  },
];

/** The reason given when no row recognises an addressee of "Kính gửi": it is written to, like an agency. */
export const FALLBACK_REASON: Bilingual = {
  vi: 'không quy tắc nào nhận ra người nhận này; đề xuất gửi thư điện tử — hãy chọn cơ quan trong danh bạ',
  en: 'no rule recognised this addressee; proposed for email — pick the agency in the directory',
};

/**
 * Words that make a mention stand for a whole group rather than one body (folded): "các", "những", "cấp",
 * "cơ sở", "cơ quan, đơn vị", or a list of levels ("huyện, thị xã, thành phố").
 */
export const GROUP_MARKERS =
  /\b(?:cac|nhung|moi|cap|co so|co quan|don vi)\b|\b(?:huyen|quan|xa|phuong),\s?(?:thi xa|thanh pho|quan|phuong|thi tran)\b/;
