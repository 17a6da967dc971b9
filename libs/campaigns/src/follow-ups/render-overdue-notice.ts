import { escapeHtml, vietnamTime } from '@loa/common';

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/** What every notice names: the campaign and its letter. */
export interface NoticeCampaign {
  title: string;
  /** "số 1163/STTTT-TTBCBC — V/v …", or empty. */
  letter: string;
  emergency: boolean;
}

export interface StationNoticeInput {
  campaign: NoticeCampaign;
  problem: 'not_pulled' | 'missed_slot';
  station: { name: string; code: string };
  /** The first slot not pulled for, or the first slot missed with none aired since. */
  since: Date;
}

/**
 * What the notices say (pure). Vietnamese first, one English line; every notice names the campaign, its letter and
 * the slot in Vietnam's time, so whoever reads it can act without opening anything else.
 */
function campaignLine(c: NoticeCampaign): string {
  return `Chiến dịch "${c.title}"${c.letter ? ` (văn bản ${c.letter})` : ''}${c.emergency ? ' — KHẨN' : ''}`;
}

function problemLine(p: StationNoticeInput['problem'], since: Date): string {
  return p === 'not_pulled'
    ? `đến buổi phát đầu tiên (${vietnamTime(since)}) vẫn chưa tải bản tin`
    : `không có báo cáo đã phát từ buổi phát ${vietnamTime(since)}`;
}

function render(subject: string, paragraphs: string[], english: string, link?: string): RenderedNotice {
  const text = [...paragraphs, ...(link ? ['', link] : []), '', '—', `(English) ${english}`]
    .join('\n')
    .normalize('NFC');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>',
    ...paragraphs.filter((p) => p !== '').map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
    `<hr><p lang="en" style="color:#555">${escapeHtml(english)}</p>`,
    '</body></html>',
  ]
    .join('\n')
    .normalize('NFC');
  return { subject: subject.normalize('NFC'), text, html };
}

/** To the person who runs the station: pull the script, or air the slot and report it. */
export function renderStationReminder(input: StationNoticeInput & { seq: number }): RenderedNotice {
  const { campaign, station } = input;
  const what = input.problem === 'not_pulled' ? 'chưa tải bản tin' : 'chưa phát bản tin theo lịch';
  const ask =
    input.problem === 'not_pulled'
      ? 'Đề nghị đăng nhập trang của đài (hoặc tải nguồn cấp bản tin) ngay để phát đúng lịch, rồi xác nhận "Đã phát" sau mỗi buổi.'
      : 'Đề nghị phát ở buổi tiếp theo và xác nhận "Đã phát" trên trang của đài; nếu không phát được, báo lý do "Không phát".';
  return render(
    `[Loa] Nhắc lần ${input.seq}: ${station.name} ${what} — ${campaign.title}`,
    [
      `Kính gửi phụ trách ${station.name} (${station.code}),`,
      `${campaignLine(campaign)}: ${station.name} ${problemLine(input.problem, input.since)}.`,
      ask,
    ],
    input.problem === 'not_pulled'
      ? `Reminder ${input.seq}: the station has not pulled the campaign's script by its first slot.`
      : `Reminder ${input.seq}: the station has not reported airing the campaign since a missed slot.`,
  );
}

/** To the station above it and the department: the station is still behind after the reminders. */
export function renderStationEscalation(
  input: StationNoticeInput & { reminders: number; parentName: string | null; consoleUrl: string },
): RenderedNotice {
  const { campaign, station } = input;
  const what = input.problem === 'not_pulled' ? 'chưa nhận bản tin' : 'bỏ lỡ buổi phát';
  return render(
    `[Loa] ${station.name} ${what}: ${campaign.title}`,
    [
      `${campaignLine(campaign)}:`,
      `${station.name} (${station.code}) ${problemLine(input.problem, input.since)}, ` +
        `đã nhắc ${input.reminders} lần.`,
      input.parentName
        ? `Đề nghị ${input.parentName} liên hệ đài cấp dưới và phát thay (tiếp âm) nếu cần; Sở theo dõi trên trang chiến dịch.`
        : 'Đề nghị liên hệ trực tiếp với đài; Sở theo dõi trên trang chiến dịch.',
    ],
    input.problem === 'not_pulled'
      ? `The station has still not pulled the script after ${input.reminders} reminder(s).`
      : `The station has still not aired since a missed slot after ${input.reminders} reminder(s).`,
    input.consoleUrl,
  );
}

/** To the department: a carrier has not acknowledged its order though the window has started. */
export function renderOrderEscalation(input: {
  campaign: NoticeCampaign;
  carrierName: string;
  area: string;
  windowStart: Date;
  consoleUrl: string;
}): RenderedNotice {
  return render(
    `[Loa] Nhà mạng ${input.carrierName} chưa xác nhận lệnh gửi tin nhắn: ${input.campaign.title}`,
    [
      `${campaignLine(input.campaign)}:`,
      `Nhà mạng ${input.carrierName} chưa xác nhận lệnh gửi tin nhắn cho khu vực "${input.area}", ` +
        `dù thời gian gửi đã bắt đầu lúc ${vietnamTime(input.windowStart)}.`,
      'Đề nghị liên hệ đầu mối của nhà mạng để tin nhắn được gửi đúng thời gian.',
    ],
    `${input.carrierName} has not acknowledged its SMS order although its window started.`,
    input.consoleUrl,
  );
}

/** To the editor and approver: a carrier's sending paused by itself, why, and what to do. */
export function renderCarrierPauseNotice(input: {
  campaign: NoticeCampaign;
  carrierName: string;
  failures: number;
  windowSize: number;
  samples: Array<{ error: string; count: number }>;
  pausedAt: Date;
  consoleUrl: string;
}): RenderedNotice {
  const percent = Math.round((input.failures * 100) / Math.max(1, input.windowSize));
  const samples = input.samples.map((s) => `  • ${s.error} (${s.count} lần)`);
  return render(
    `[Loa] Đã tạm dừng gửi tin nhắn qua ${input.carrierName}: ${input.campaign.title}`,
    [
      `${campaignLine(input.campaign)}:`,
      `Loa đã tự tạm dừng gửi tin nhắn qua ${input.carrierName} lúc ${vietnamTime(input.pausedAt)} vì ` +
        `${input.failures}/${input.windowSize} tin gần nhất (${percent}%) không gửi được.`,
      ...(samples.length ? ['Lỗi nhà mạng trả về:', ...samples] : []),
      'Các tin chưa gửi vẫn được giữ lại, không mất tin nào. Đề nghị kiểm tra tên định danh, nội dung hoặc liên hệ ' +
        'nhà mạng; khi đã khắc phục, bấm "Tiếp tục gửi" trên trang chiến dịch.',
    ],
    `Loa paused sending through ${input.carrierName}: ${input.failures} of the last ${input.windowSize} messages ` +
      `failed. Nothing unsent is lost; resume it on the campaign page once the cause is fixed.`,
    input.consoleUrl,
  );
}
