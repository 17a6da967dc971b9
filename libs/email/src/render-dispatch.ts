import { escapeHtml, isRehearsal, markRehearsal, rehearsalMark, vietnamTime } from '@loa/common';

export interface DispatchInput {
  /** Directive subject (trích yếu), with or without its leading "V/v". */
  subject: string | null;
  documentCode: string | null;
  issuer: string | null;
  campaignTitle: string;
  agencyName: string;
  /** Operator's message placed before the directive. */
  message: string | null;
  directiveText: string;
  signer: { name: string | null; title: string | null } | null;
  /** The letter's date as read, possibly partial ("tháng 9 năm 2021" has no day). */
  date?: { year: number; month: number | null; day: number | null } | null;
  /** The file the letter came in (PDF, DOCX or text), attached as received; absent for a pasted letter. */
  original?: { content: Buffer; mediaType: string; fileName: string | null } | null;
  /** This agency's own signed "Xác nhận đã nhận" link; absent where acknowledgements are not asked for. */
  ackUrl?: string | null;
  /** For a reminder: which one, and when the letter was first sent. */
  reminder?: { number: number; firstSentAt: Date } | null;
  /** actual (default), exercise or test: a rehearsal's e-mail is marked in its subject and first line. */
  mode?: string;
}

export interface RenderedDispatch {
  subject: string;
  text: string;
  html: string;
  attachment: { filename: string; content: string | Buffer; contentType: string };
}

/** Extensions of the media types an original letter is kept with. */
const ORIGINAL_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
};

/** "ngày 28/9/2021", "tháng 9/2021" or "năm 2021": as much of the date as the letter gave. */
export function letterDatePhrase(date: DispatchInput['date']): string | null {
  if (!date) return null;
  if (date.month && date.day) return `ngày ${date.day}/${date.month}/${date.year}`;
  if (date.month) return `tháng ${date.month}/${date.year}`;
  return `năm ${date.year}`;
}

/** The first line of a rehearsal's e-mail: what it is, and that nothing is to be done. */
function rehearsalNotice(mode: string): string | null {
  if (!isRehearsal(mode)) return null;
  const what = mode === 'exercise' ? 'DIỄN TẬP' : 'THỬ NGHIỆM';
  return (
    `${rehearsalMark(mode)} Đây là thư ${what.toLowerCase()}, không phải chỉ đạo thật: không cần thực hiện. ` +
    `(${mode === 'exercise' ? 'Exercise' : 'Test'} only: not a real directive, no action needed.)`
  );
}

/** Renders the official dispatch e-mail for one agency (pure). Vietnamese first; all text NFC. */
export function renderDispatch(input: DispatchInput): RenderedDispatch {
  const subjectCore = (input.subject ?? input.campaignTitle)
    .normalize('NFC')
    .replace(/^\s*V\/v\s*/i, '')
    .trim();
  const reminder = input.reminder ?? null;
  const about = `V/v ${subjectCore}`;
  const subject = markRehearsal(input.mode ?? 'actual', `${reminder ? `[Nhắc lần ${reminder.number}] ` : ''}${about}`);
  const rehearsal = rehearsalNotice(input.mode ?? 'actual');
  const reminderLine = reminder
    ? `Quý cơ quan chưa xác nhận đã nhận văn bản dưới đây, gửi lúc ${vietnamTime(reminder.firstSentAt)}; văn bản được gửi lại kèm thư này.`
    : null;
  const dated = letterDatePhrase(input.date ?? null);
  const code = [input.documentCode ? `Số: ${input.documentCode}` : null, dated].filter(Boolean).join(' ') || null;
  const issuer = input.issuer ?? 'Sở Thông tin và Truyền thông';
  const signer = [input.signer?.title, input.signer?.name].filter(Boolean).join('\n');
  const message = input.message?.normalize('NFC').trim() || null;

  const textLines = [
    ...(rehearsal ? [rehearsal, ''] : []),
    `Kính gửi: ${input.agencyName}`,
    '',
    ...(reminderLine ? [reminderLine, ''] : []),
    `${issuer} gửi Quý cơ quan văn bản ${code ? `${code} ` : ''}${about}.`,
    ...(message ? ['', message] : []),
    '',
    input.original
      ? 'Văn bản gốc được đính kèm thư này. Đề nghị Quý cơ quan phối hợp thực hiện.'
      : 'Toàn văn văn bản được đính kèm thư này. Đề nghị Quý cơ quan phối hợp thực hiện.',
    ...(input.ackUrl
      ? ['', 'Đề nghị Quý cơ quan xác nhận đã nhận văn bản (một lần bấm, không cần đăng nhập):', input.ackUrl]
      : []),
    ...(signer ? ['', signer] : []),
    '',
    '—',
    `(English) ${issuer} sends you the attached directive "${about}"${code ? ` (${input.documentCode})` : ''}.` +
      (input.ackUrl ? ' Please confirm receipt with the link above.' : ''),
  ];
  const text = textLines.join('\n').normalize('NFC');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>',
    ...(rehearsal ? [`<p style="color:#b00020"><strong>${escapeHtml(rehearsal)}</strong></p>`] : []),
    `<p>Kính gửi: <strong>${escapeHtml(input.agencyName)}</strong></p>`,
    ...(reminderLine ? [`<p><strong>${escapeHtml(reminderLine)}</strong></p>`] : []),
    `<p>${escapeHtml(issuer)} gửi Quý cơ quan văn bản ${code ? `<strong>${escapeHtml(code)}</strong> ` : ''}${escapeHtml(about)}.</p>`,
    ...(message ? [`<p>${escapeHtml(message).replace(/\n/g, '<br>')}</p>`] : []),
    input.original
      ? '<p>Văn bản gốc được đính kèm thư này. Đề nghị Quý cơ quan phối hợp thực hiện.</p>'
      : '<p>Toàn văn văn bản được đính kèm thư này. Đề nghị Quý cơ quan phối hợp thực hiện.</p>',
    ...(input.ackUrl
      ? [
          `<p>Đề nghị Quý cơ quan xác nhận đã nhận văn bản: <a href="${escapeHtml(input.ackUrl)}"><strong>Xác nhận đã nhận</strong></a> (không cần đăng nhập).</p>`,
        ]
      : []),
    ...(signer ? [`<p>${escapeHtml(signer).replace(/\n/g, '<br>')}</p>`] : []),
    `<hr><p lang="en" style="color:#555">${escapeHtml(issuer)} sends you the attached directive “${escapeHtml(about)}”.</p>`,
    '</body></html>',
  ]
    .join('\n')
    .normalize('NFC');
  const fileBase =
    (input.documentCode ?? 'cong-van').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'cong-van';
  const original = input.original ?? null;
  const attachment = original
    ? {
        filename: originalFileName(original.fileName, fileBase, ORIGINAL_EXTENSIONS[original.mediaType] ?? 'bin'),
        content: original.content,
        contentType: original.mediaType,
      }
    : {
        filename: `${fileBase}.txt`,
        content: input.directiveText.normalize('NFC'),
        contentType: 'text/plain; charset=utf-8',
      };
  return { subject, text, html, attachment };
}

/** The name the file came with (NFC, no path, no control characters), or the document code with its extension. */
function originalFileName(fileName: string | null, fileBase: string, extension: string): string {
  const cleaned = (fileName ?? '')
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return cleaned || `${fileBase}.${extension}`;
}
