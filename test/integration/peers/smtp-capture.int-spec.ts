import { createTransport, Transporter } from 'nodemailer';
import { SmtpCapture, startSmtpCapture } from '../../../tools/peers/smtp-capture';

const SUBJECT = 'Thông báo khẩn: bão số 3 đổ bộ';
const BODY = 'Người dân vùng ven biển di chuyển đến nơi trú ẩn an toàn trước 18 giờ.';
const ATTACHMENT = 'Hướng dẫn sơ tán\n1. Mang theo giấy tờ tùy thân.\n';

describe('SMTP capture', () => {
  let capture: SmtpCapture;
  let transport: Transporter;

  beforeAll(async () => {
    capture = await startSmtpCapture({ httpPort: 0 });
    transport = createTransport({ host: '127.0.0.1', port: capture.port, secure: false, ignoreTLS: true });
  });

  afterAll(async () => {
    transport?.close();
    await capture?.close();
  });

  it('captures a message with a Vietnamese subject and a .txt attachment', async () => {
    await transport.sendMail({
      from: '"Ban chỉ huy PCTT" <canh-bao@loa.test>',
      to: 'nguoi-dan@example.test',
      bcc: 'archive@loa.test',
      subject: SUBJECT,
      text: BODY,
      html: `<p>${BODY}</p>`,
      attachments: [
        { filename: 'huong-dan-so-tan.txt', content: ATTACHMENT, contentType: 'text/plain; charset=utf-8' },
      ],
    });
    await capture.waitFor(1, 5_000);

    const mail = capture.messages[0];
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.envelopeFrom).toBe('canh-bao@loa.test');
    expect(mail.envelopeTo.sort()).toEqual(['archive@loa.test', 'nguoi-dan@example.test']);
    expect(mail.from).toBe('"Ban chỉ huy PCTT" <canh-bao@loa.test>');
    expect(mail.to).toBe('nguoi-dan@example.test');
    expect(mail.text?.trim()).toBe(BODY);
    expect(mail.html).toContain(BODY);
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(mail.headers.subject).toBe(SUBJECT);
    expect(mail.raw).toContain('Subject: =?UTF-8?');

    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: 'huong-dan-so-tan.txt', contentType: 'text/plain' });
    expect(attachment.content.toString('utf8')).toBe(ATTACHMENT);
    expect(attachment.size).toBe(Buffer.byteLength(ATTACHMENT));
  });

  it('lists captured mail over HTTP without raw content', async () => {
    const response = await fetch(`http://127.0.0.1:${capture.httpPort}/messages`);
    expect(response.status).toBe(200);
    const listed = (await response.json()) as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(listed[0].subject).toBe(SUBJECT);
    expect(listed[0]).not.toHaveProperty('raw');
    expect(listed[0].attachments).toEqual([
      { filename: 'huong-dan-so-tan.txt', contentType: 'text/plain', size: Buffer.byteLength(ATTACHMENT) },
    ]);
  });

  it('fails waitFor when too few messages arrive', async () => {
    await expect(capture.waitFor(2, 50)).rejects.toThrow(/timed out/);
  });
});
