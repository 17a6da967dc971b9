import { escapeHtml, vietnamTime } from '@loa/common';

export interface EscalationInput {
  campaignTitle: string;
  /** "số 1163/STTTT-TTBCBC — V/v …". */
  letter: string;
  /** The console page of the campaign. */
  consoleUrl: string;
  agencies: ReadonlyArray<{ name: string; email: string | null; sentAt: Date; reminders: number }>;
}

/**
 * The e-mail that tells a campaign's editor and approver which agencies are still silent after every reminder
 * (pure). Vietnamese first, one English line; every agency named, with when it was written to.
 */
export function renderEscalation(input: EscalationInput): { subject: string; text: string; html: string } {
  const n = input.agencies.length;
  const subject = `[Loa] ${n} cơ quan chưa xác nhận đã nhận văn bản: ${input.campaignTitle}`.normalize('NFC');
  const line = (a: EscalationInput['agencies'][number]) =>
    `${a.name}${a.email ? ` <${a.email}>` : ''}: gửi lúc ${vietnamTime(a.sentAt)}, đã nhắc ${a.reminders} lần`;
  const text = [
    `Chiến dịch "${input.campaignTitle}" (văn bản ${input.letter}):`,
    `${n} cơ quan, đơn vị chưa xác nhận đã nhận văn bản sau ${input.agencies[0]?.reminders ?? 0} lần nhắc:`,
    '',
    ...input.agencies.map((a) => `- ${line(a)}`),
    '',
    `Đề nghị liên hệ trực tiếp các cơ quan này. Xem chi tiết: ${input.consoleUrl}`,
    '',
    '—',
    `(English) ${n} agencies have not acknowledged the letter after every reminder; see ${input.consoleUrl}`,
  ]
    .join('\n')
    .normalize('NFC');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>',
    `<p>Chiến dịch <strong>${escapeHtml(input.campaignTitle)}</strong> (văn bản ${escapeHtml(input.letter)}):</p>`,
    `<p>${n} cơ quan, đơn vị chưa xác nhận đã nhận văn bản sau các lần nhắc:</p>`,
    `<ul>${input.agencies.map((a) => `<li>${escapeHtml(line(a))}</li>`).join('')}</ul>`,
    `<p>Đề nghị liên hệ trực tiếp các cơ quan này. <a href="${escapeHtml(input.consoleUrl)}">Xem chiến dịch</a></p>`,
    `<hr><p lang="en" style="color:#555">${n} agencies have not acknowledged the letter after every reminder.</p>`,
    '</body></html>',
  ]
    .join('\n')
    .normalize('NFC');
  return { subject, text, html };
}
