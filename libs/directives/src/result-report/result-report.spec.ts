import { docxToText } from '../files/docx-to-text';
import { pdfToText } from '../files/pdf-to-text';
import { ResultReportInput, composeResultReport, viNumber, viPercent } from './compose-result-report';
import { renderResultReportDocx, renderResultReportPdf } from './render-result-report';

const INPUT: ResultReportInput = {
  sender: {
    name: 'Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ',
    parentAuthority: 'UBND thành phố Cần Thơ',
    place: 'Cần Thơ',
    abbreviation: 'SVHTTDL',
  },
  recipient: 'Sở Thông tin và Truyền thông tỉnh Sóc Trăng',
  directive: {
    documentType: 'công văn',
    documentCode: '1163/STTTT-TTBCBC',
    date: { year: 2021, month: 9, day: 28 },
    issuer: 'Sở Thông tin và Truyền thông tỉnh Sóc Trăng',
    subject: 'V/v phối hợp tuyên truyền Cuộc vận động ủng hộ Quỹ phòng, chống dịch Covid-19',
  },
  campaign: {
    title: 'Vận động ủng hộ',
    startsAt: new Date('2021-10-01T01:00:00Z'),
    endsAt: new Date('2021-10-31T10:00:00Z'),
  },
  figures: {
    sms: {
      subscribers: 12_345,
      segments: 24_690,
      delivered: 12_100,
      failed: 200,
      unconfirmed: 45,
      byCarrier: [
        { carrier: 'Viettel', messages: 8_000, delivered: 7_900, failed: 80 },
        { carrier: 'VinaPhone', messages: 4_345, delivered: 4_200, failed: 120 },
      ],
    },
    email: { agencies: 9, sent: 9, failed: 0, acknowledged: 7 },
    banner: { portals: 2, impressions: 15_000, clicks: 321 },
    radio: { stations: 4, slotsAired: 110, slotsMissed: 2, slotsPending: 0 },
  },
  signer: { title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
  date: new Date('2021-11-02T02:00:00Z'),
};

describe('composeResultReport', () => {
  const r = composeResultReport(INPUT);

  it('lays out the Decree 30 header with the number left blank for the office', () => {
    expect(r.headerLeft).toEqual(['UBND THÀNH PHỐ CẦN THƠ', 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH THÀNH PHỐ CẦN THƠ']);
    expect(r.numberLine).toMatch(/^Số:\s+\/BC-SVHTTDL$/u);
    expect(r.about).toBe(
      'V/v báo cáo kết quả phối hợp tuyên truyền Cuộc vận động ủng hộ Quỹ phòng, chống dịch Covid-19',
    );
    expect(r.placeDate).toBe('Cần Thơ, ngày 2 tháng 11 năm 2021');
    expect(r.kinhGui).toBe('Kính gửi: Sở Thông tin và Truyền thông tỉnh Sóc Trăng.');
  });

  it('cites the directive and states every channel with its figures in Vietnamese conventions', () => {
    expect(r.body[0]).toBe(
      'Thực hiện Công văn số 1163/STTTT-TTBCBC ngày 28/9/2021 của Sở Thông tin và Truyền thông tỉnh Sóc Trăng về ' +
        'việc phối hợp tuyên truyền Cuộc vận động ủng hộ Quỹ phòng, chống dịch Covid-19, Sở Văn hóa, Thể thao và Du lịch thành phố ' +
        'Cần Thơ đã tổ chức tuyên truyền từ ngày 1/10/2021 đến ngày 31/10/2021. Sở Văn hóa, Thể thao và Du lịch ' +
        'thành phố Cần Thơ báo cáo kết quả thực hiện như sau:',
    );
    const text = r.body.join('\n');
    expect(text).toContain('đã gửi tới 12.345 thuê bao (24.690 bản tin tính cước); 12.100 thuê bao đã nhận (đạt 98%)');
    expect(text).toContain('- Viettel: 8.000 thuê bao, 7.900 đã nhận, 80 không gửi được.');
    expect(text).toContain('đã gửi văn bản tới 9/9 cơ quan, đơn vị; 7 cơ quan, đơn vị đã xác nhận đã nhận.');
    expect(text).toContain('15.000 lượt hiển thị, 321 lượt nhấp (tỷ lệ nhấp 2,1%)');
    expect(text).toContain('4 đài truyền thanh; đã phát 110 lượt, 2 lượt không phát.');
    expect(r.body[r.body.length - 1]).toMatch(/trân trọng báo cáo\.\/\.$/u);
    expect(r.signer).toEqual({ title: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], name: 'Nguyễn Văn An' });
  });

  it('leaves out what the letter does not give and the channels that did not run', () => {
    const partial = composeResultReport({
      ...INPUT,
      directive: { ...INPUT.directive, documentCode: '…/STTTT-TTBCXB', date: { year: 2021, month: 9, day: null } },
      figures: { email: INPUT.figures.email },
    });
    expect(partial.body[0]).toMatch(/^Thực hiện Công văn tháng 9\/2021 của Sở Thông tin/u);
    expect(partial.body.join(' ')).not.toMatch(/SMS|banner|truyền thanh cơ sở/u);
    expect(partial.body[1]).toMatch(/^1\. Thư điện tử/u);
  });

  it('writes numbers and rates as Vietnamese does', () => {
    expect(viNumber(1_234_567)).toBe('1.234.567');
    expect(viNumber(999)).toBe('999');
    expect(viPercent(1, 3)).toBe('33,3%');
    expect(viPercent(1, 0)).toBeNull();
  });
});

describe('the report as DOCX and PDF', () => {
  const r = composeResultReport(INPUT);
  const long = composeResultReport({
    ...INPUT,
    figures: {
      ...INPUT.figures,
      sms: {
        ...INPUT.figures.sms!,
        byCarrier: Array.from({ length: 40 }, (_, i) => ({
          carrier: `Nhà mạng ${i + 1}`,
          messages: 100,
          delivered: 99,
          failed: 1,
        })),
      },
    },
  });

  it('reads back from the DOCX in order: header columns apart, body, signer', async () => {
    const text = docxToText(await renderResultReportDocx(r));
    for (const part of [r.headerLeft[1], r.numberLine.replace(/\s+/gu, ' '), r.placeDate, r.kinhGui, 'Nguyễn Văn An']) {
      expect(text.replace(/[ \t]+/gu, ' ')).toContain(part.replace(/\s+/gu, ' '));
    }
    expect(text).toContain('12.345 thuê bao');
    expect(text.indexOf('Kính gửi')).toBeLessThan(text.indexOf('Thực hiện Công văn'));
    expect(text.indexOf('Thực hiện Công văn')).toBeLessThan(text.indexOf('Nơi nhận'));
  });

  it('reads back from the PDF with the font embedded, and a long report runs onto a second page', async () => {
    const pdf = await renderResultReportPdf(r);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+LiberationSerif/u);
    const text = (await pdfToText(pdf)).replace(/\s+/gu, ' ');
    expect(text).toContain('Kính gửi: Sở Thông tin và Truyền thông tỉnh Sóc Trăng.');
    expect(text).toContain('12.345 thuê bao');
    expect(text).toContain('Nguyễn Văn An');
    expect(text.indexOf('CỘNG HÒA')).toBeLessThan(text.indexOf('Kính gửi'));

    const longPdf = await renderResultReportPdf(long);
    expect((longPdf.toString('latin1').match(/\/Type \/Page\b/gu) ?? []).length).toBeGreaterThanOrEqual(2);
    const longText = (await pdfToText(longPdf)).replace(/\s+/gu, ' ');
    expect(longText).toContain('Nhà mạng 40: 100 thuê bao');
    expect(longText).toContain('Nguyễn Văn An');
  });
});
