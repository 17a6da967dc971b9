/**
 * The result report (báo cáo kết quả) a department owes the authority that issued a directive, laid out as Decree
 * 30/2020/NĐ-CP lays out a công văn: the header table, a number left blank for the office, "V/v báo cáo kết quả …",
 * "Kính gửi", a body citing the directive and stating what was done on each channel with its figures, "Nơi nhận"
 * and the signer block. Pure: the renderers (DOCX, PDF) draw what this decides.
 */

/** What was done on each channel, as the campaign report counts it; a channel that did not run is absent. */
export interface ResultFigures {
  sms?: {
    subscribers: number;
    segments: number;
    delivered: number;
    failed: number;
    /** Neither delivered nor failed: no receipt, expired, unknown. */
    unconfirmed: number;
    byCarrier: ReadonlyArray<{ carrier: string; messages: number; delivered: number; failed: number }>;
  };
  email?: { agencies: number; sent: number; failed: number; acknowledged: number };
  banner?: { portals: number; impressions: number; clicks: number };
  radio?: { stations: number; slotsAired: number; slotsMissed: number; slotsPending: number };
}

export interface ResultReportInput {
  /** The department writing the report, and the authority above it (UBND TỈNH …). */
  sender: { name: string; parentAuthority: string | null; place: string; abbreviation: string | null };
  /** The authority reported to, as a letter writes it ("Sở Thông tin và Truyền thông tỉnh Sóc Trăng"). */
  recipient: string;
  directive: {
    documentType: string | null;
    documentCode: string | null;
    /** As much of the date as the letter gives. */
    date: { year: number; month: number | null; day: number | null } | null;
    /** The issuer as a sentence names it ("Sở Thông tin và Truyền thông tỉnh Sóc Trăng"), not in capitals. */
    issuer: string | null;
    subject: string | null;
  };
  campaign: { title: string; startsAt: Date; endsAt: Date };
  figures: ResultFigures;
  signer: { title: string; name: string | null } | null;
  /** Written on this day (Vietnam's date). */
  date: Date;
}

export interface ResultReport {
  headerLeft: string[];
  /** "Số:      /BC-STTTT": the office fills in the number. */
  numberLine: string;
  /** "V/v báo cáo kết quả …", under the number. */
  about: string;
  headerRight: string[];
  /** "Sóc Trăng, ngày 3 tháng 12 năm 2026". */
  placeDate: string;
  kinhGui: string;
  body: string[];
  copyTo: string[];
  signer: { title: string[]; name: string | null };
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** 12345 → "12.345"; Vietnamese writes thousands with dots. */
export function viNumber(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
}

/** 0.9856 → "98,6%"; none when there is nothing to divide. */
export function viPercent(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  return `${(Math.round((part / whole) * 1000) / 10).toString().replace('.', ',')}%`;
}

function vietnamDay(d: Date): { day: number; month: number; year: number } {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { day: get('day'), month: get('month'), year: get('year') };
}

const dmy = (d: Date) => {
  const v = vietnamDay(d);
  return `${v.day}/${v.month}/${v.year}`;
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Đẩy mạnh …" → "đẩy mạnh …" inside a sentence; acronyms ("UBND …") are kept. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function sentenceCase(s: string): string {
  const t = s.replace(/\s+/gu, ' ').trim();
  return t === t.toUpperCase() ? capitalise(t.toLowerCase()) : t;
}

/** "Công văn số 1163/STTTT-TTBCBC ngày 28/9/2021 của Sở Thông tin và Truyền thông" (parts left out when unknown). */
function citation(d: ResultReportInput['directive']): string {
  const kind = capitalise(d.documentType ?? 'văn bản');
  const code = d.documentCode && /^\d/u.test(d.documentCode) ? ` số ${d.documentCode}` : '';
  const date =
    d.date?.day && d.date.month
      ? ` ngày ${d.date.day}/${d.date.month}/${d.date.year}`
      : d.date?.month
        ? ` tháng ${d.date.month}/${d.date.year}`
        : d.date
          ? ` năm ${d.date.year}`
          : '';
  const issuer = d.issuer ? ` của ${d.issuer}` : '';
  const subject = d.subject
    ? ` về việc ${lowerFirst(d.subject.replace(/^V\/v\s*/iu, '').replace(/[.;,\s]+$/u, ''))}`
    : '';
  return `${kind}${code}${date}${issuer}${subject}`;
}

function channelParagraphs(f: ResultFigures): string[] {
  const out: string[] = [];
  let n = 0;
  const item = (text: string) => out.push(`${++n}. ${text}`);
  if (f.sms) {
    const s = f.sms;
    const rate = viPercent(s.delivered, s.subscribers);
    item(
      `Tin nhắn SMS: đã gửi tới ${viNumber(s.subscribers)} thuê bao (${viNumber(s.segments)} bản tin tính cước); ` +
        `${viNumber(s.delivered)} thuê bao đã nhận${rate ? ` (đạt ${rate})` : ''}, ${viNumber(s.failed)} không gửi được` +
        `${s.unconfirmed ? `, ${viNumber(s.unconfirmed)} chưa có xác nhận của nhà mạng` : ''}.`,
    );
    for (const c of s.byCarrier) {
      out.push(
        `- ${c.carrier}: ${viNumber(c.messages)} thuê bao, ${viNumber(c.delivered)} đã nhận, ${viNumber(c.failed)} không gửi được.`,
      );
    }
  }
  if (f.email) {
    const e = f.email;
    item(
      `Thư điện tử: đã gửi văn bản tới ${viNumber(e.sent)}/${viNumber(e.agencies)} cơ quan, đơn vị` +
        `${e.failed ? ` (${viNumber(e.failed)} không gửi được)` : ''}; ${viNumber(e.acknowledged)} cơ quan, đơn vị đã xác nhận đã nhận.`,
    );
  }
  if (f.banner) {
    const b = f.banner;
    const ctr = viPercent(b.clicks, b.impressions);
    item(
      `Cổng/Trang thông tin điện tử: đăng banner trên ${viNumber(b.portals)} cổng/trang, ` +
        `${viNumber(b.impressions)} lượt hiển thị, ${viNumber(b.clicks)} lượt nhấp${ctr ? ` (tỷ lệ nhấp ${ctr})` : ''}.`,
    );
  }
  if (f.radio) {
    const r = f.radio;
    item(
      `Hệ thống truyền thanh cơ sở: ${viNumber(r.stations)} đài truyền thanh; đã phát ${viNumber(r.slotsAired)} lượt` +
        `${r.slotsMissed ? `, ${viNumber(r.slotsMissed)} lượt không phát` : ''}` +
        `${r.slotsPending ? `, ${viNumber(r.slotsPending)} lượt còn theo lịch` : ''}.`,
    );
  }
  return out;
}

/** Decides every line of the report (pure). */
export function composeResultReport(input: ResultReportInput): ResultReport {
  const today = vietnamDay(input.date);
  const sender = input.sender.name.replace(/\s+/gu, ' ').trim();
  const short = sentenceCase(sender);
  const recipient = input.recipient.replace(/\s+/gu, ' ').trim();
  const subject = (input.directive.subject ?? input.campaign.title).replace(/^V\/v\s*/iu, '').replace(/[.;,\s]+$/u, '');
  const abbreviation = input.sender.abbreviation ? `/BC-${input.sender.abbreviation}` : '/BC';
  const channels = channelParagraphs(input.figures);
  const body = [
    `Thực hiện ${citation(input.directive)}, ${short} đã tổ chức tuyên truyền từ ngày ${dmy(input.campaign.startsAt)} ` +
      `đến ngày ${dmy(input.campaign.endsAt)}. ${short} báo cáo kết quả thực hiện như sau:`,
    ...(channels.length ? channels : ['Chưa có kênh tuyên truyền nào được triển khai.']),
    `Số liệu được tổng hợp từ hệ thống Loa đến ngày ${today.day}/${today.month}/${today.year}.`,
    `${short} trân trọng báo cáo./.`,
  ];
  return {
    headerLeft: [
      ...(input.sender.parentAuthority ? [input.sender.parentAuthority.toUpperCase()] : []),
      sender.toUpperCase(),
    ],
    numberLine: `Số:       ${abbreviation}`,
    about: `V/v báo cáo kết quả ${lowerFirst(subject)}`,
    headerRight: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    placeDate: `${input.sender.place}, ngày ${today.day} tháng ${today.month} năm ${today.year}`,
    kinhGui: `Kính gửi: ${recipient}.`,
    body: body.map((p) => p.normalize('NFC')),
    copyTo: ['- Như trên;', '- Lưu: VT.'],
    signer: {
      title: input.signer ? input.signer.title.split(/\s*\/\s*|\n/u).map((t) => t.toUpperCase()) : ['GIÁM ĐỐC'],
      name: input.signer?.name ?? null,
    },
  };
}
