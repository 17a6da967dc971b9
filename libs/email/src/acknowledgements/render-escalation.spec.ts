import { renderEscalation } from './render-escalation';

describe('renderEscalation', () => {
  const input = {
    campaignTitle: 'Vận động ủng hộ',
    letter: 'số 1163/STTTT-TTBCBC — V/v phối hợp tuyên truyền',
    consoleUrl: 'https://loa.example.gov.vn/campaigns/abc',
    agencies: [
      { name: 'Sở Y tế <tỉnh>', email: 'syt@soctrang.gov.vn', sentAt: new Date('2026-12-03T01:05:00Z'), reminders: 2 },
      { name: 'UBND huyện Mỹ Tú', email: null, sentAt: new Date('2026-12-03T01:06:00Z'), reminders: 2 },
    ],
  };

  it('names every silent agency with when it was written to, in Vietnam time, and links the campaign', () => {
    const r = renderEscalation(input);
    expect(r.subject).toBe('[Loa] 2 cơ quan chưa xác nhận đã nhận văn bản: Vận động ủng hộ');
    expect(r.text).toContain('- Sở Y tế <tỉnh> <syt@soctrang.gov.vn>: gửi lúc 08:05 ngày 03/12/2026, đã nhắc 2 lần');
    expect(r.text).toContain('- UBND huyện Mỹ Tú: gửi lúc 08:06 ngày 03/12/2026');
    expect(r.text).toContain(input.consoleUrl);
    expect(r.html).toContain('Sở Y tế &lt;tỉnh&gt;');
    expect(r.html).not.toContain('<tỉnh>');
  });
});
