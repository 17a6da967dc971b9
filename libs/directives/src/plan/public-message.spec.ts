import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDirective } from '../extract';
import { proposeChannelPlan } from './propose-plan';
import { parseOfficialDomains } from './official-domains';
import { publicMessage } from './public-message';

const FIXTURES = join(__dirname, '../../../../test/fixtures/directives');
const sample = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const officialDomains = parseOfficialDomains({ suffixes: ['gov.vn', 'org.vn'], hosts: [] });

const HEADER = [
  'UBND TỈNH SÓC TRĂNG',
  'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
  'Số: 1201/STTTT-TTBCXB',
  'V/v tuyên truyền kết quả Cuộc vận động ủng hộ',
  'phòng, chống dịch Covid-19',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Sóc Trăng, ngày 12 tháng 10 năm 2021',
  'Kính gửi: Đài Truyền thanh các huyện, thị xã, thành phố.',
];
const FOOTER = ['Trân trọng./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'GIÁM ĐỐC', 'Nguyễn Văn A'];
const letter = (...body: string[]) => [...HEADER, ...body, ...FOOTER].join('\n');

/** The letter of issue 18: the request is one paragraph, not numbered points. */
const PARAGRAPH_LETTER = letter(
  'Đề nghị tuyên truyền: từ ngày 12/10/2021 đến hết ngày 31/12/2021, đã có 15% hộ dân ủng hộ Quỹ',
  'phòng, chống dịch Covid-19 của tỉnh; phát lúc 17:30 hằng ngày. Chi tiết tại vandongxahoi.mattran.org.vn',
);

describe('publicMessage', () => {
  it('keeps a request written as a paragraph, wrapped lines joined, with its figures, time and address', () => {
    const message = publicMessage(PARAGRAPH_LETTER, extractDirective(PARAGRAPH_LETTER));
    expect(message).toEqual([
      'Từ ngày 12/10/2021 đến hết ngày 31/12/2021, đã có 15% hộ dân ủng hộ Quỹ phòng, chống dịch Covid-19 của tỉnh; ' +
        'phát lúc 17:30 hằng ngày. Chi tiết tại vandongxahoi.mattran.org.vn.',
    ]);
  });

  it('takes the points listed after a clause that announces them, up to the closing', () => {
    const text = letter(
      'Sở Thông tin và Truyền thông đề nghị các đài tuyên truyền rộng rãi đến nhân dân các nội dung sau:',
      '1. Tiêm vắc xin mũi 3 cho người từ 18 tuổi trở lên tại trạm y tế xã từ 7:00 đến 11:00;',
      '2. Gọi đường dây nóng 1900 9095 khi có triệu chứng sốt, ho.',
      'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị báo cáo về Sở.',
    );
    expect(publicMessage(text, extractDirective(text))).toEqual([
      'Tiêm vắc xin mũi 3 cho người từ 18 tuổi trở lên tại trạm y tế xã từ 7:00 đến 11:00.',
      'Gọi đường dây nóng 1900 9095 khi có triệu chứng sốt, ho.',
    ]);
  });

  it('takes the points of a "NỘI DUNG" section when no clause announces them', () => {
    const text = letter(
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Nâng cao nhận thức của cán bộ và nhân dân.',
      'II. NỘI DUNG TUYÊN TRUYỀN',
      '- Ý nghĩa của Ngày Chuyển đổi số quốc gia 10/10;',
      '- Cài đặt ứng dụng VNeID để làm thủ tục trực tuyến.',
      'III. TỔ CHỨC THỰC HIỆN',
      'Các đài thực hiện tiếp âm.',
    );
    expect(publicMessage(text, extractDirective(text))).toEqual([
      'Ý nghĩa của Ngày Chuyển đổi số quốc gia 10/10.',
      'Cài đặt ứng dụng VNeID để làm thủ tục trực tuyến.',
    ]);
  });

  it('does not mistake an address after "tuyên truyền, giới thiệu … với địa chỉ:" for the content', () => {
    const text = sample('soc-trang-stttt-2021-09-vandongxahoi.txt');
    expect(publicMessage(text, extractDirective(text))).toBeNull();
  });

  it('is null for a letter that only hands out work', () => {
    const text = letter('Các đài phối hợp thực hiện theo kế hoạch của Sở.');
    expect(publicMessage(text, extractDirective(text))).toBeNull();
  });

  it('never proposes more than a few minutes of reading', () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `- Nội dung thứ ${i + 1} cần tuyên truyền đến người dân trong tỉnh;`,
    );
    const text = letter('Đề nghị tuyên truyền các nội dung sau:', ...long);
    const message = publicMessage(text, extractDirective(text))!;
    expect(message.join(' ').length).toBeLessThanOrEqual(1_500);
    expect(message.length).toBeGreaterThan(5);
  });
});

describe('the proposed radio script', () => {
  it('carries the paragraph-shaped request, and names the link once', () => {
    const plan = proposeChannelPlan(PARAGRAPH_LETTER, { officialDomains });
    const script = plan.drafts.radio.script;
    expect(script).toContain('15% hộ dân ủng hộ');
    expect(script).toContain('phát lúc 17:30 hằng ngày');
    expect(script.match(/vandongxahoi/gu)).toHaveLength(1);
  });

  it('still reads the subject and the link for a letter whose points only hand out work', () => {
    const plan = proposeChannelPlan(sample('soc-trang-stttt-2021-09-vandongxahoi.txt'), { officialDomains });
    expect(plan.drafts.radio.script).toMatch(/^Phối hợp tuyên truyền/u);
    expect(plan.drafts.radio.script).toContain('vandongxahoi chấm mattran chấm org chấm vn');
  });
});
