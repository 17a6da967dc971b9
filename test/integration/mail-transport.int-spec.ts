import { loadConfig } from '@loa/config';
import { MailTransport, OutgoingMail, classifySmtpError } from '@loa/email';
import { SmtpCapture, startSmtpCapture } from '../../tools/peers/smtp-capture';

/** A few bytes that are not text: the original letter goes out attached as received. */
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const SUBJECT = 'V/v phối hợp tuyên truyền, vận động ủng hộ đồng bào bị ảnh hưởng bởi bão số 3';

describe('MailTransport (real SMTP server, messages built whole before they go)', () => {
  let capture: SmtpCapture;
  let mail: MailTransport;
  let closed = false;

  beforeAll(async () => {
    capture = await startSmtpCapture({ refuseRecipients: /^khong-ton-tai@/ });
    mail = new MailTransport(
      loadConfig({
        ...process.env,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(capture.port),
        SMTP_FROM: 'Sở TT&TT <loa@sotttt.test>',
      }),
    );
  });

  afterAll(async () => {
    mail?.onModuleDestroy();
    if (!closed) await capture?.close();
  });

  it('delivers the message as given: its Message-ID, envelope, Vietnamese subject, headers, text, HTML and letter', async () => {
    const messageId = '<loa-c1-42@sotttt.test>';
    const sent = await mail.send({
      messageId,
      from: mail.from,
      to: 'Ủy ban nhân dân xã Mỹ Hương <ubnd-myhuong@soctrang.test>',
      subject: SUBJECT,
      text: 'Kính gửi: Ủy ban nhân dân xã Mỹ Hương\n\nĐề nghị Quý cơ quan phối hợp thực hiện.',
      html: '<p>Kính gửi: <strong>Ủy ban nhân dân xã Mỹ Hương</strong></p>',
      attachments: [{ filename: '2345-UBND-VX.pdf', content: PDF, contentType: 'application/pdf' }],
      headers: { 'X-Loa-Campaign': 'c1', 'X-Loa-Delivery': '42' },
    });
    expect(sent).toEqual({ messageId });
    await capture.waitFor(1, 5_000);
    const got = capture.messages[0];
    expect(got.messageId).toBe(messageId);
    expect(got.envelopeFrom).toBe('loa@sotttt.test');
    expect(got.envelopeTo).toEqual(['ubnd-myhuong@soctrang.test']);
    expect(got.subject).toBe(SUBJECT);
    expect(got.headers['x-loa-campaign']).toBe('c1');
    expect(got.headers['x-loa-delivery']).toBe('42');
    expect(got.text).toContain('Đề nghị Quý cơ quan phối hợp thực hiện.');
    expect(got.html).toContain('<strong>Ủy ban nhân dân xã Mỹ Hương</strong>');
    expect(got.attachments).toHaveLength(1);
    expect(got.attachments[0].filename).toBe('2345-UBND-VX.pdf');
    expect(got.attachments[0].contentType).toBe('application/pdf');
    expect(got.attachments[0].content.equals(PDF)).toBe(true);
    expect(got.raw).toMatch(/^Date: /m); // a whole message: dated as nodemailer dates one it streams
  });

  it('still reports a refusal with its SMTP code: 5xx ends the row, a server that cannot be reached retries it', async () => {
    const refused = await mail.send(letter('<loa-c1-43@sotttt.test>', 'khong-ton-tai@soctrang.test')).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toMatchObject({ responseCode: 550 });
    expect(classifySmtpError(refused)).toMatchObject({ kind: 'rejected' });
    expect(capture.messages.map((m) => m.messageId)).not.toContain('<loa-c1-43@sotttt.test>');

    await capture.close();
    closed = true;
    const unreachable = await mail.send(letter('<loa-c1-44@sotttt.test>', 'ubnd@soctrang.test')).then(
      () => null,
      (err: unknown) => err,
    );
    expect(unreachable).not.toBeNull();
    expect(classifySmtpError(unreachable)).toMatchObject({ kind: 'retry-later' });
  });
});

function letter(messageId: string, to: string): OutgoingMail {
  return {
    messageId,
    from: 'loa@sotttt.test',
    to,
    subject: SUBJECT,
    text: 'Kính gửi',
    html: '<p>Kính gửi</p>',
    attachments: [],
    headers: {},
  };
}
