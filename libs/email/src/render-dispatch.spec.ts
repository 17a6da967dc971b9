import { letterDatePhrase, renderDispatch } from './render-dispatch';

const base = {
  subject: 'V/v phối hợp tuyên truyền, vận động huy động nguồn lực',
  documentCode: '…/STTTT-TTBCXB',
  issuer: 'Sở Thông tin và Truyền thông',
  campaignTitle: 'Vận động xã hội',
  agencyName: 'Sở Y tế <tỉnh>',
  message: null,
  directiveText: 'Toàn văn',
  signer: { name: 'Lê Hoàng Bắc', title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' },
};

describe('renderDispatch', () => {
  it('keeps exactly one "V/v" in the subject', () => {
    expect(renderDispatch(base).subject).toBe('V/v phối hợp tuyên truyền, vận động huy động nguồn lực');
    expect(renderDispatch({ ...base, subject: 'phối hợp' }).subject).toBe('V/v phối hợp');
  });

  it('marks an exercise in its subject and first line, and leaves a real dispatch unmarked', () => {
    const exercise = renderDispatch({ ...base, mode: 'exercise', reminder: { number: 1, firstSentAt: new Date() } });
    expect(exercise.subject).toBe('[DIỄN TẬP] [Nhắc lần 1] V/v phối hợp tuyên truyền, vận động huy động nguồn lực');
    expect(exercise.text.split('\n')[0]).toMatch(/^\[DIỄN TẬP\] Đây là thư diễn tập, không phải chỉ đạo thật/);
    expect(exercise.html).toContain('[DIỄN TẬP] Đây là thư diễn tập');
    expect(renderDispatch({ ...base, mode: 'test' }).subject).toMatch(/^\[THỬ NGHIỆM\] V\/v/);
    const real = renderDispatch({ ...base, mode: 'actual' });
    expect(real.text.startsWith('Kính gửi:')).toBe(true);
    expect(real.subject).toBe(renderDispatch(base).subject);
  });

  it('falls back to the campaign title when the directive has no subject', () => {
    expect(renderDispatch({ ...base, subject: null }).subject).toBe('V/v Vận động xã hội');
  });

  it('escapes agency names in HTML but not in text', () => {
    const r = renderDispatch(base);
    expect(r.html).toContain('Sở Y tế &lt;tỉnh&gt;');
    expect(r.html).not.toContain('<tỉnh>');
    expect(r.text).toContain('Kính gửi: Sở Y tế <tỉnh>');
  });

  it('attaches the directive text verbatim (NFC) under a safe file name', () => {
    const nfd = 'Kính gửi'.normalize('NFD');
    const r = renderDispatch({ ...base, directiveText: nfd, documentCode: '1163/STTTT-TTBCBC' });
    expect(r.attachment.content).toBe('Kính gửi'.normalize('NFC'));
    expect(r.attachment.filename).toBe('1163-STTTT-TTBCBC.txt');
  });

  it('carries the signer block', () => {
    expect(renderDispatch(base).text).toContain('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Hoàng Bắc');
  });

  it('names the document by number, symbol and as much of its date as the letter gave', () => {
    const full = renderDispatch({ ...base, documentCode: '570/STTTT-TTBCXB', date: { year: 2021, month: 6, day: 9 } });
    expect(full.text).toContain('văn bản Số: 570/STTTT-TTBCXB ngày 9/6/2021 V/v phối hợp');
    expect(full.html).toContain('<strong>Số: 570/STTTT-TTBCXB ngày 9/6/2021</strong>');
    expect(letterDatePhrase({ year: 2021, month: 9, day: null })).toBe('tháng 9/2021');
    expect(letterDatePhrase({ year: 2021, month: null, day: null })).toBe('năm 2021');
    expect(letterDatePhrase(null)).toBeNull();
    expect(renderDispatch({ ...base, date: null }).text).toContain('văn bản Số: …/STTTT-TTBCXB V/v');
  });

  it('attaches the original file as received (bytes, media type, its name without a path) when there is one', () => {
    const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const r = renderDispatch({
      ...base,
      documentCode: '570/STTTT-TTBCXB',
      original: { content: docx, mediaType: type, fileName: 'C:\\Văn bản\\Công văn 570.docx'.normalize('NFD') },
    });
    expect(r.attachment).toEqual({ filename: 'Công văn 570.docx'.normalize('NFC'), content: docx, contentType: type });
    expect(r.text).toContain('Văn bản gốc được đính kèm');
    const unnamed = renderDispatch({
      ...base,
      documentCode: '570/STTTT-TTBCXB',
      original: { content: Buffer.from('%PDF-1.4'), mediaType: 'application/pdf', fileName: null },
    });
    expect(unnamed.attachment.filename).toBe('570-STTTT-TTBCXB.pdf');
    expect(unnamed.attachment.contentType).toBe('application/pdf');
  });
});

describe('renderDispatch: the acknowledgement link', () => {
  it("carries the agency's own link in text and HTML (escaped), and says nothing of it when there is none", () => {
    const ackUrl = 'https://loa.soctrang.gov.vn/ack/2n9c.1x2y3z.AbCdEfGhIjKlMnOpQrStUv';
    const r = renderDispatch({ ...base, ackUrl: `${ackUrl}&x=<y>` });
    expect(r.text).toContain(`Đề nghị Quý cơ quan xác nhận đã nhận văn bản`);
    expect(r.text).toContain(`\n${ackUrl}&x=<y>\n`);
    expect(r.html).toContain(`<a href="${ackUrl}&amp;x=&lt;y&gt;"><strong>Xác nhận đã nhận</strong></a>`);
    const none = renderDispatch(base);
    expect(none.text).not.toContain('xác nhận');
    expect(none.html).not.toContain('Xác nhận');
  });
});

describe('renderDispatch: a reminder', () => {
  it('says which reminder it is and when the letter first went, and keeps the letter and the link', () => {
    const r = renderDispatch({
      ...base,
      ackUrl: 'https://loa.example/ack/x',
      reminder: { number: 2, firstSentAt: new Date('2026-12-03T02:30:00Z') },
    });
    expect(r.subject).toBe('[Nhắc lần 2] V/v phối hợp tuyên truyền, vận động huy động nguồn lực');
    expect(r.text).toContain('chưa xác nhận đã nhận văn bản dưới đây, gửi lúc 09:30 ngày 03/12/2026');
    expect(r.text).toContain('văn bản Số: …/STTTT-TTBCXB V/v phối hợp');
    expect(r.text).toContain('https://loa.example/ack/x');
    expect(r.attachment.content).toBe('Toàn văn');
  });
});
