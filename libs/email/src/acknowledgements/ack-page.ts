import { escapeHtml, vietnamTime } from '@loa/common';

/** What the acknowledgement page shows; built by AcknowledgementService, rendered here (pure). */
export type AckPage =
  | {
      kind: 'confirm' | 'acknowledged';
      agencyName: string;
      letter: string;
      issuer: string | null;
      /** When it was first acknowledged (for 'acknowledged'). */
      acknowledgedAt: Date | null;
      /** True when this request recorded it (rather than an earlier click). */
      justNow: boolean;
      formAction: string;
    }
  | { kind: 'expired'; letter: string | null; expiredAt: Date }
  | { kind: 'invalid' };

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — Loa</title>
<style>
body{font-family:"Liberation Sans",Arial,sans-serif;background:#f5f6f8;color:#1f1f1f;margin:0;padding:24px}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px #0002}
h1{font-size:1.35rem;margin:0 0 12px}p{line-height:1.5}.en{color:#555;font-size:.9rem;border-top:1px solid #eee;padding-top:12px}
button{font-size:1.05rem;padding:10px 22px;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer}
button:focus{outline:3px solid #f2b600;outline-offset:2px}.ok{color:#1d7a3a}.warn{color:#a3460b}
</style></head><body><main>${body}</main></body></html>`;
}

/** The page an agency sees from its e-mail's link, Vietnamese first with an English line. */
export function renderAckPage(page: AckPage): string {
  switch (page.kind) {
    case 'confirm':
      return layout(
        'Xác nhận đã nhận văn bản',
        `<h1>Xác nhận đã nhận văn bản</h1>
<p>Đơn vị: <strong>${escapeHtml(page.agencyName)}</strong></p>
<p>Văn bản: <strong>${escapeHtml(page.letter)}</strong>${page.issuer ? ` của ${escapeHtml(page.issuer)}` : ''}</p>
<form method="post" action="${escapeHtml(page.formAction)}"><button type="submit">Xác nhận đã nhận</button></form>
<p class="en" lang="en">Confirm that ${escapeHtml(page.agencyName)} received this letter: press the button.</p>`,
      );
    case 'acknowledged': {
      const at = page.acknowledgedAt ? vietnamTime(page.acknowledgedAt) : '';
      return layout(
        'Đã xác nhận',
        `<h1 class="ok">${page.justNow ? 'Đã ghi nhận xác nhận' : 'Văn bản đã được xác nhận trước đó'}</h1>
<p>Đơn vị <strong>${escapeHtml(page.agencyName)}</strong> đã xác nhận nhận văn bản <strong>${escapeHtml(page.letter)}</strong> lúc <strong>${escapeHtml(at)}</strong>.</p>
<p>Cảm ơn Quý cơ quan. Không cần thao tác thêm.</p>
<p class="en" lang="en">Receipt acknowledged at ${escapeHtml(at.replace(' ngày ', ' on '))} (Vietnam time). Nothing more to do.</p>`,
      );
    }
    case 'expired':
      return layout(
        'Liên kết đã hết hạn',
        `<h1 class="warn">Liên kết xác nhận đã hết hạn</h1>
<p>Liên kết xác nhận${page.letter ? ` văn bản <strong>${escapeHtml(page.letter)}</strong>` : ''} chỉ dùng được đến ${escapeHtml(vietnamTime(page.expiredAt))}. Nếu cần xác nhận, đề nghị liên hệ cơ quan đã gửi văn bản.</p>
<p class="en" lang="en">This acknowledgement link has expired. Please contact the office that sent the letter.</p>`,
      );
    case 'invalid':
      return layout(
        'Liên kết không hợp lệ',
        `<h1 class="warn">Liên kết xác nhận không hợp lệ</h1>
<p>Liên kết này không đúng hoặc không đầy đủ. Đề nghị mở lại đường liên kết trong thư điện tử (có thể thư đã ngắt dòng giữa liên kết), hoặc liên hệ cơ quan đã gửi văn bản.</p>
<p class="en" lang="en">This link is not valid. Open the link from the e-mail again (a mail client may have broken it across lines), or contact the office that sent the letter.</p>`,
      );
  }
}
