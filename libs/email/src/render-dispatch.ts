import { escapeHtml } from '@loa/common';

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
}

export interface RenderedDispatch {
  subject: string;
  text: string;
  html: string;
  attachment: { filename: string; content: string; contentType: string };
}

/** Renders the official dispatch e-mail for one agency (pure). Vietnamese first; all text NFC. */
export function renderDispatch(input: DispatchInput): RenderedDispatch {
  const subjectCore = (input.subject ?? input.campaignTitle)
    .normalize('NFC')
    .replace(/^\s*V\/v\s*/i, '')
    .trim();
  const subject = `V/v ${subjectCore}`;
  const code = input.documentCode ? `Số: ${input.documentCode}` : null;
  const issuer = input.issuer ?? 'Sở Thông tin và Truyền thông';
  const signer = [input.signer?.title, input.signer?.name].filter(Boolean).join('\n');
  const message = input.message?.normalize('NFC').trim() || null;

  const textLines = [
    `Kính gửi: ${input.agencyName}`,
    '',
    `${issuer} gửi Quý cơ quan văn bản ${code ? `${code} ` : ''}${subject}.`,
    ...(message ? ['', message] : []),
    '',
    'Toàn văn văn bản được đính kèm thư này. Đề nghị Quý cơ quan phối hợp thực hiện.',
    ...(signer ? ['', signer] : []),
    '',
    '—',
    `(English) ${issuer} sends you the attached directive "${subject}"${code ? ` (${input.documentCode})` : ''}.`,
  ];
  const text = textLines.join('\n').normalize('NFC');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>',
    `<p>Kính gửi: <strong>${escapeHtml(input.agencyName)}</strong></p>`,
    `<p>${escapeHtml(issuer)} gửi Quý cơ quan văn bản ${code ? `<strong>${escapeHtml(code)}</strong> ` : ''}${escapeHtml(subject)}.</p>`,
    ...(message ? [`<p>${escapeHtml(message).replace(/\n/g, '<br>')}</p>`] : []),
    '<p>Toàn văn văn bản được đính kèm thư này. Đề nghị Quý cơ quan phối hợp thực hiện.</p>',
    ...(signer ? [`<p>${escapeHtml(signer).replace(/\n/g, '<br>')}</p>`] : []),
    `<hr><p lang="en" style="color:#555">${escapeHtml(issuer)} sends you the attached directive “${escapeHtml(subject)}”.</p>`,
    '</body></html>',
  ]
    .join('\n')
    .normalize('NFC');
  const fileBase =
    (input.documentCode ?? 'cong-van').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'cong-van';
  return {
    subject,
    text,
    html,
    attachment: {
      filename: `${fileBase}.txt`,
      content: input.directiveText.normalize('NFC'),
      contentType: 'text/plain; charset=utf-8',
    },
  };
}
