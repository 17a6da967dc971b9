import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, stripDiacritics } from '@loa/sms';
import { parseOfficialDomains } from './official-domains';
import { proposeChannelPlan } from './propose-plan';
import type { ChannelPlanProposal, PlanEntry } from './types';

const ROOT = join(__dirname, '../../../..');
const officialDomains = parseOfficialDomains(
  JSON.parse(readFileSync(join(ROOT, 'config/official-domains.json'), 'utf8')),
);
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/directives', name), 'utf8');
const propose = (text: string) => proposeChannelPlan(text, { officialDomains });

/** channel, group, scope, source, item, addressee: what a person checks in a plan. */
const rows = (p: ChannelPlanProposal) =>
  p.entries.map((e: PlanEntry) => [e.channel, e.group, e.scope, e.source, e.item, e.addressee]);

/** A small letter around the given addressees and body. */
function letter(
  addressees: string[],
  body = 'Đề nghị các cơ quan, đơn vị thực hiện./.',
  copyTo: string[] = [],
): string {
  return [
    'UBND TỈNH SÓC TRĂNG',
    'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    'Số: 123/STTTT-TTBCXB',
    'V/v tuyên truyền phòng, chống thiên tai',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Sóc Trăng, ngày 05 tháng 10 năm 2025',
    'Kính gửi:',
    ...addressees.map((a, i) => `- ${a}${i === addressees.length - 1 ? '.' : ';'}`),
    body,
    ...(copyTo.length ? ['Nơi nhận:', ...copyTo.map((c) => `- ${c};`), '- Lưu: VT.'] : []),
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    'Nguyễn Văn A',
  ].join('\n');
}

describe('proposeChannelPlan on the fixture letters', () => {
  it('Sóc Trăng vandongxahoi: agencies and press by email, district stations and commune relays by radio, websites by banner', () => {
    const p = propose(fixture('soc-trang-stttt-2021-09-vandongxahoi.txt'));
    expect(rows(p)).toEqual([
      ['email', 'so-ban-nganh', 'group', 'addressee', null, 'Các sở, ban, ngành tỉnh'],
      ['email', 'ubnd-huyen', 'group', 'addressee', null, 'UBND các huyện, thị xã, thành phố'],
      ['email', 'bao-chi', 'named', 'addressee', null, 'Báo Sóc Trăng'],
      ['email', 'bao-chi', 'named', 'addressee', null, 'Đài Phát thanh - Truyền hình Sóc Trăng'],
      ['email', 'ubnd-xa', 'group', 'addressee', null, 'UBND các xã, phường, thị trấn'],
      ['radio', 'dai-truyen-thanh-huyen', 'group', 'addressee', null, 'Đài Truyền thanh các huyện, thị xã, thành phố'],
      ['banner', 'cong-ttdt', 'group', 'body', '2', 'Website của cơ quan, đơn vị'],
      ['radio', 'dai-truyen-thanh-xa', 'group', 'body', '3', 'Đài/Trạm Truyền thanh cấp xã'],
    ]);
    expect(p.channels).toEqual(['email', 'banner', 'radio']);
    expect(p.entries[3].reason).toEqual({
      vi: 'Kính gửi: đài phát thanh - truyền hình là cơ quan báo chí: nhận văn bản qua thư điện tử để đưa tin.',
      en: 'Addressee ("Kính gửi"): a broadcaster is press: it receives the letter by email and reports on it.',
    });
    expect(p.entries[5].reason.vi).toBe(
      'Kính gửi: đài truyền thanh cấp huyện phát bản tin trên hệ thống loa; đài cấp xã tiếp âm.',
    );
    expect(p.entries[6].reason.vi).toBe(
      'Văn bản giao nhiệm vụ (mục 2): cổng/trang thông tin điện tử đăng banner dẫn đến trang chính thức.',
    );
    expect(p.entries[6].rule).toBe('portal');
    expect(p.link).toEqual({
      url: 'https://vandongxahoi.mattran.org.vn',
      host: 'vandongxahoi.mattran.org.vn',
      asWritten: 'vandongxahoi.mattran.org.vn',
    });
    expect(p.notes).toEqual([]);
  });

  it('Sóc Trăng vandongxahoi: drafts for every channel, the SMS within 2 GSM-7 segments once stripped', () => {
    const p = propose(fixture('soc-trang-stttt-2021-09-vandongxahoi.txt'));
    const subject =
      'Phối hợp tuyên truyền, vận động huy động nguồn lực cùng chung tay ủng hộ công tác phòng, chống dịch Covid-19';
    expect(p.title).toBe(subject);
    expect(p.drafts.sms).toEqual({
      text: `Sở TTTT Sóc Trăng: ${subject}. Xem: vandongxahoi.mattran.org.vn`,
      stripDiacritics: true,
      preview: stripDiacritics(`Sở TTTT Sóc Trăng: ${subject}. Xem: vandongxahoi.mattran.org.vn`),
      encoding: 'GSM-7',
      segments: 2,
      length: 161,
    });
    expect(p.drafts.email.subject).toBe(
      'V/v phối hợp tuyên truyền, vận động huy động nguồn lực cùng chung tay ủng hộ công tác phòng, chống dịch Covid-19',
    );
    expect(p.drafts.email.message).toBe(
      'Sở Thông tin và Truyền thông tỉnh Sóc Trăng trân trọng gửi Quý cơ quan, đơn vị công văn số …/STTTT-TTBCXB ' +
        'tháng 9/2021 về việc phối hợp tuyên truyền, vận động huy động nguồn lực cùng chung tay ủng hộ công tác ' +
        'phòng, chống dịch Covid-19 (văn bản đính kèm).\n\n' +
        'Đề nghị Quý cơ quan, đơn vị nghiên cứu, triển khai thực hiện theo nội dung văn bản và xác nhận đã nhận ' +
        'văn bản qua đường liên kết trong thư này.\n\nTrang thông tin: https://vandongxahoi.mattran.org.vn',
    );
    expect(p.drafts.banner).toEqual({
      headline: subject,
      body: 'Tìm hiểu thêm tại vandongxahoi.mattran.org.vn',
      targetUrl: 'https://vandongxahoi.mattran.org.vn',
    });
    expect(p.drafts.radio).toEqual({
      script:
        `${subject}.\n\nThông tin chi tiết được đăng tải tại trang thông tin điện tử ` +
        'vandongxahoi chấm mattran chấm org chấm vn.',
      slots: ['06:00', '17:00'],
    });
  });

  it('Kiên Giang 570: press and the portal addressed; the grassroots system the body directs goes on radio', () => {
    const p = propose(fixture('kien-giang-stttt-570-2021-06-5k-vaccine.txt'));
    expect(rows(p)).toEqual([
      ['email', 'bao-chi', 'named', 'addressee', null, 'Báo Kiên Giang'],
      ['email', 'bao-chi', 'named', 'addressee', null, 'Đài Phát thanh và Truyền hình Kiên Giang'],
      ['banner', 'cong-ttdt', 'named', 'addressee', null, 'Cổng Thông tin điện tử tỉnh'],
      ['email', 'ubnd-huyen', 'group', 'addressee', null, 'Thường trực Ủy ban nhân dân các huyện, thành phố'],
      ['radio', 'dai-truyen-thanh-xa', 'group', 'body', null, 'hệ thống thông tin cơ sở'],
    ]);
    expect(p.link).toBeNull();
    expect(p.drafts.banner.targetUrl).toBeNull();
    expect(p.drafts.banner.body).toBe(
      'Công văn số 570/STTTT-TTBCBC ngày 4/6/2021 của Sở Thông tin và Truyền thông tỉnh Kiên Giang',
    );
    expect(p.notes.map((n) => n.code)).toEqual(['no-official-link']);
  });

  it('Sóc Trăng BTGTU 22 (no "Kính gửi"): the groups section IV and the means of section III name', () => {
    const p = propose(fixture('soc-trang-btgtu-22-hd-2021-09-binh-thuong-moi.txt'));
    expect(rows(p)).toEqual([
      ['email', 'cap-uy', 'group', 'body', 'I.3', 'Các cấp uỷ'],
      ['email', 'mat-tran-doan-the', 'group', 'body', 'I.3', 'đoàn thể'],
      ['email', 'bao-chi', 'group', 'body', 'III.1', 'báo chí'],
      ['banner', 'cong-ttdt', 'group', 'body', 'III.1', 'công/trang thông tin điện tử các ban, ngành, địa phương'],
      ['radio', 'dai-truyen-thanh-xa', 'group', 'body', 'III.2', 'hệ thống loa phát thanh cơ sở'],
      ['email', 'so-ban-nganh', 'named', 'body', 'IV.2', 'Sở Thông tin và Truyền thông'],
      ['email', 'so-ban-nganh', 'named', 'body', 'IV.2', 'Sở Y tế'],
      ['email', 'so-ban-nganh', 'named', 'body', 'IV.5', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['radio', 'dai-truyen-thanh', 'group', 'body', 'IV.7', 'Đài Truyền thanh cấp huyện, cấp xã'],
      ['radio', 'dai-truyen-thanh-huyen', 'group', 'body', 'IV.8', 'Đài Truyền thanh huyện, thị xã, thành phố'],
    ]);
    // The issuer ("Ban Tuyên giáo Tỉnh ủy", IV.2) is the sender, not an addressee.
    expect(p.entries.some((e) => /tuyên giáo tỉnh ủy/iu.test(e.addressee))).toBe(false);
    expect(p.notes.map((n) => n.code)).toEqual(['no-addressees', 'no-official-link']);
    expect(p.drafts.email.message.startsWith('Ban Tuyên giáo Tỉnh ủy Sóc Trăng trân trọng gửi')).toBe(true);
    expect(p.drafts.sms.text.startsWith('Ban Tuyên giáo Sóc Trăng: Đẩy mạnh tuyên truyền')).toBe(true);
  });

  it('gives every entry a reason in Vietnamese and English, all text NFC', () => {
    for (const name of [
      'soc-trang-stttt-2021-09-vandongxahoi.txt',
      'kien-giang-stttt-570-2021-06-5k-vaccine.txt',
      'soc-trang-btgtu-22-hd-2021-09-binh-thuong-moi.txt',
    ]) {
      const p = propose(fixture(name).normalize('NFD'));
      for (const e of p.entries) {
        expect(e.reason.vi.length).toBeGreaterThan(10);
        expect(e.reason.en.length).toBeGreaterThan(10);
      }
      const json = JSON.stringify(p);
      expect(json).toBe(json.normalize('NFC'));
    }
  });
});

describe('proposeChannelPlan on synthetic letters', () => {
  it('telecom carriers → SMS; a broadcaster is press (email) while district stations are radio', () => {
    const p = propose(
      letter([
        'Các doanh nghiệp viễn thông trên địa bàn tỉnh',
        'Đài Phát thanh và Truyền hình tỉnh',
        'Đài Truyền thanh các huyện, thị xã, thành phố',
        'Viettel Sóc Trăng',
      ]),
    );
    expect(rows(p)).toEqual([
      ['sms', 'doanh-nghiep-vien-thong', 'group', 'addressee', null, 'Các doanh nghiệp viễn thông trên địa bàn tỉnh'],
      ['email', 'bao-chi', 'named', 'addressee', null, 'Đài Phát thanh và Truyền hình tỉnh'],
      ['radio', 'dai-truyen-thanh-huyen', 'group', 'addressee', null, 'Đài Truyền thanh các huyện, thị xã, thành phố'],
      ['sms', 'doanh-nghiep-vien-thong', 'named', 'addressee', null, 'Viettel Sóc Trăng'],
    ]);
    expect(p.channels).toEqual(['sms', 'email', 'radio']);
    expect(p.notes.map((n) => n.code)).toEqual(['no-official-link', 'sms-carrier-orders']);
  });

  it('reads letters whose diacritics were lost (OCR) or decomposed (NFD) alike', () => {
    const clean = rows(propose(letter(['Đài Truyền thanh các huyện', 'Cổng Thông tin điện tử tỉnh', 'Sở Y tế'])));
    const ocr = propose(letter(['Dai Truyen thanh cac huyen', 'Cong Thong tin dien tu tinh', 'Sở Y te']));
    expect(rows(ocr).map((r) => r.slice(0, 5))).toEqual(clean.map((r) => r.slice(0, 5)));
    const nfd = propose(
      letter(['Đài Truyền thanh các huyện', 'Cổng Thông tin điện tử tỉnh', 'Sở Y tế']).normalize('NFD'),
    );
    expect(rows(nfd)).toEqual(clean);
  });

  it('tells a newspaper from "báo cáo" and a department from "số"', () => {
    const p = propose(
      letter(
        ['Báo Sóc Trăng', 'Sở Giáo dục và Đào tạo'],
        'Đề nghị báo cáo kết quả về Sở trước ngày 10 và ghi rõ số 5 thực hiện./.',
      ),
    );
    expect(rows(p)).toEqual([
      ['email', 'bao-chi', 'named', 'addressee', null, 'Báo Sóc Trăng'],
      ['email', 'so-ban-nganh', 'named', 'addressee', null, 'Sở Giáo dục và Đào tạo'],
    ]);
  });

  it('splits an addressee line naming two groups, and proposes email for one it does not know', () => {
    const p = propose(letter(['Báo Sóc Trăng và Đài Truyền thanh huyện Mỹ Tú', 'Trung tâm Y tế huyện']));
    expect(rows(p)).toEqual([
      ['email', 'bao-chi', 'named', 'addressee', null, 'Báo Sóc Trăng'],
      ['radio', 'dai-truyen-thanh-huyen', 'named', 'addressee', null, 'Đài Truyền thanh huyện Mỹ Tú'],
      ['email', null, 'named', 'addressee', null, 'Trung tâm Y tế huyện'],
    ]);
    expect(p.entries[2].rule).toBeNull();
    expect(p.entries[2].reason.en).toContain('no rule recognised this addressee');
    expect(p.notes.map((n) => n.code)).toContain('unrecognised-addressee');
  });

  it('reads a copy-to entry that carries a task, and leaves copies for information out', () => {
    const p = propose(
      letter(['Các sở, ban, ngành tỉnh'], 'Đề nghị các cơ quan, đơn vị thực hiện./.', [
        'Như trên',
        'UBND tỉnh (để báo cáo)',
        'Cổng TTĐT tỉnh (đăng tải thông tin)',
        'Đài Truyền thanh huyện Mỹ Tú',
      ]),
    );
    expect(rows(p)).toEqual([
      ['email', 'so-ban-nganh', 'group', 'addressee', null, 'Các sở, ban, ngành tỉnh'],
      ['banner', 'cong-ttdt', 'named', 'copy-to', null, 'Cổng TTĐT tỉnh'],
    ]);
    expect(p.entries[1].reason.vi).toBe(
      'Nơi nhận (đăng tải thông tin): cổng/trang thông tin điện tử đăng banner dẫn đến trang chính thức.',
    );
  });

  it('adds groups the body asks to act, not groups it merely mentions', () => {
    const p = propose(
      letter(
        ['Các sở, ban, ngành tỉnh'],
        [
          'Sở Thông tin và Truyền thông đề nghị các sở, ban, ngành tỉnh phối hợp thực hiện:',
          '1. Các doanh nghiệp viễn thông: nhắn tin đến thuê bao trên địa bàn tỉnh.',
          '2. Xử lý nghiêm các trang thông tin điện tử đăng tin sai sự thật; giới thiệu về Trang thông tin điện tử của Bộ.',
          '3. Chỉ đạo Đài Truyền thanh cấp xã tiếp âm; đăng tải trên Cổng Thông tin điện tử tỉnh./.',
        ].join('\n'),
      ),
    );
    expect(rows(p)).toEqual([
      ['email', 'so-ban-nganh', 'group', 'addressee', null, 'Các sở, ban, ngành tỉnh'],
      ['sms', 'doanh-nghiep-vien-thong', 'group', 'body', '1', 'Các doanh nghiệp viễn thông'],
      ['radio', 'dai-truyen-thanh-xa', 'group', 'body', '3', 'Đài Truyền thanh cấp xã'],
      ['banner', 'cong-ttdt', 'named', 'body', '3', 'Cổng Thông tin điện tử tỉnh'],
    ]);
  });

  it('uses the first link on an official domain as the target and says why others are not', () => {
    const p = propose(
      letter(
        ['Cổng Thông tin điện tử tỉnh'],
        'Đề nghị đăng tải tại example.com, https://gov.vn@evil.example/x và https://dichvucong.gov.vn/p/home./.',
      ),
    );
    expect(p.link).toEqual({
      url: 'https://dichvucong.gov.vn/p/home',
      host: 'dichvucong.gov.vn',
      asWritten: 'https://dichvucong.gov.vn/p/home',
    });
    expect(p.drafts.banner.targetUrl).toBe('https://dichvucong.gov.vn/p/home');
    expect(p.notes.filter((n) => n.code === 'unofficial-link').map((n) => n.en)).toEqual([
      'The link “https://gov.vn@evil.example/x” is not on an official domain (config/official-domains.json), so it is not used as a target.',
      'The link “example.com” is not on an official domain (config/official-domains.json), so it is not used as a target.',
    ]);
    expect(p.drafts.radio.script).toContain('dichvucong chấm gov chấm vn gạch chéo p gạch chéo home');
  });

  it('shortens a long subject so the SMS stays within 2 GSM-7 segments once stripped', () => {
    const long = 'tuyên truyền '.repeat(40).trim();
    const p = propose(letter(['Các doanh nghiệp viễn thông']).replace('tuyên truyền phòng, chống thiên tai', long));
    const a = analyzeText(stripDiacritics(p.drafts.sms.text));
    expect(a.encoding).toBe('GSM-7');
    expect(a.segments).toBeLessThanOrEqual(2);
    expect(p.drafts.sms.segments).toBe(a.segments);
    expect(p.drafts.sms.text.endsWith('...')).toBe(true);
    expect(p.notes.map((n) => n.code)).toContain('sms-shortened');
    expect(p.drafts.banner.headline.length).toBeLessThanOrEqual(120);
    expect(p.title.length).toBeLessThanOrEqual(300);
  });

  it('keeps the SMS GSM-7: curly quotes and dashes become plain, other symbols are dropped', () => {
    const p = propose(
      letter(['Viettel']).replace('tuyên truyền phòng, chống thiên tai', 'hưởng ứng “Giờ Trái đất” – 2025 ★'),
    );
    expect(p.drafts.sms.preview).toBe('So TTTT Soc Trang: Huong ung "Gio Trai dat" - 2025 .');
    expect(p.drafts.sms.encoding).toBe('GSM-7');
  });

  it('proposes nothing, and says so, for a letter without addressees or groups', () => {
    const p = propose('Một đoạn văn bản không có cơ quan nào được nêu tên, chỉ có nội dung chung chung.');
    expect(p.entries).toEqual([]);
    expect(p.channels).toEqual([]);
    expect(p.notes.map((n) => n.code)).toEqual(['no-addressees', 'no-entries']);
    expect(p.title).toBe('Chiến dịch tuyên truyền');
  });
});
