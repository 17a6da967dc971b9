import { renderDispatch } from './render-dispatch';

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
});
