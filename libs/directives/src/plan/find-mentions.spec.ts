import { ADDRESSEE_RULES } from './addressee-rules';
import { findMentions } from './find-mentions';
import { foldText } from './fold';

function read(text: string) {
  const t = foldText(text);
  return findMentions(t, 0, t.original.length).map((m) => [m.rule.channel, m.rule.group, m.scope, m.text]);
}

describe('the addressee table', () => {
  it.each([
    ['Các doanh nghiệp viễn thông trên địa bàn tỉnh', 'sms', 'doanh-nghiep-vien-thong', 'group'],
    ['Các nhà mạng di động', 'sms', 'doanh-nghiep-vien-thong', 'group'],
    ['MobiFone', 'sms', 'doanh-nghiep-vien-thong', 'named'],
    ['Đài Phát thanh - Truyền hình Sóc Trăng', 'email', 'bao-chi', 'named'],
    ['Đài Phát thanh và Truyền hình Kiên Giang', 'email', 'bao-chi', 'named'],
    ['Đài PT-TH tỉnh', 'email', 'bao-chi', 'named'],
    ['Đài Truyền hình Việt Nam', 'email', 'bao-chi', 'named'],
    ['Đài Tiếng nói Việt Nam', 'email', 'bao-chi', 'named'],
    ['các cơ quan báo chí', 'email', 'bao-chi', 'group'],
    ['Báo Sóc Trăng', 'email', 'bao-chi', 'named'],
    ['Tạp chí Cộng sản', 'email', 'bao-chi', 'named'],
    ['Đài Truyền thanh các huyện, thị xã, thành phố', 'radio', 'dai-truyen-thanh-huyen', 'group'],
    ['Đài Truyền thanh huyện Mỹ Tú', 'radio', 'dai-truyen-thanh-huyen', 'named'],
    ['Đài Phát thanh huyện Châu Thành', 'radio', 'dai-truyen-thanh-huyen', 'named'],
    ['Trung tâm Văn hóa - Thể thao và Truyền thanh huyện Kế Sách', 'radio', 'dai-truyen-thanh-huyen', 'named'],
    ['Trung tâm VH, TT và TT các huyện, thành phố', 'radio', 'dai-truyen-thanh-huyen', 'group'],
    ['Đài Truyền thanh xã Mỹ Hương', 'radio', 'dai-truyen-thanh-xa', 'named'],
    ['Đài/Trạm Truyền thanh cấp xã', 'radio', 'dai-truyen-thanh-xa', 'group'],
    ['hệ thống loa truyền thanh cơ sở', 'radio', 'dai-truyen-thanh-xa', 'group'],
    ['Đài Truyền thanh cấp huyện, cấp xã', 'radio', 'dai-truyen-thanh', 'group'],
    ['Đài truyền thanh', 'radio', 'dai-truyen-thanh', 'named'],
    ['Cổng Thông tin điện tử tỉnh', 'banner', 'cong-ttdt', 'named'],
    ['Cổng TTĐT tỉnh', 'banner', 'cong-ttdt', 'named'],
    ['các trang thông tin điện tử', 'banner', 'cong-ttdt', 'group'],
    ['Website của cơ quan, đơn vị', 'banner', 'cong-ttdt', 'group'],
    ['Các sở, ban, ngành tỉnh', 'email', 'so-ban-nganh', 'group'],
    ['Sở Y tế', 'email', 'so-ban-nganh', 'named'],
    ['UBND các huyện, thị xã, thành phố', 'email', 'ubnd-huyen', 'group'],
    ['Thường trực Ủy ban nhân dân các huyện, thành phố', 'email', 'ubnd-huyen', 'group'],
    ['UBND huyện Mỹ Tú', 'email', 'ubnd-huyen', 'named'],
    ['UBND các xã, phường, thị trấn', 'email', 'ubnd-xa', 'group'],
    ['UBND tỉnh', 'email', 'ubnd-tinh', 'named'],
    ['các huyện ủy, thị ủy, thành ủy', 'email', 'cap-uy', 'group'],
    ['Ban Tuyên giáo Huyện ủy', 'email', 'cap-uy', 'named'],
    ['Ủy ban MTTQ Việt Nam tỉnh', 'email', 'mat-tran-doan-the', 'named'],
    ['các tổ chức chính trị - xã hội tỉnh', 'email', 'mat-tran-doan-the', 'group'],
  ])('%s → %s %s (%s)', (text, channel, group, scope) => {
    const [first] = read(text);
    expect(first.slice(0, 3)).toEqual([channel, group, scope]);
  });

  it('has unique rule ids and global patterns, each with a reason in both languages', () => {
    expect(new Set(ADDRESSEE_RULES.map((r) => r.id)).size).toBe(ADDRESSEE_RULES.length);
    for (const r of ADDRESSEE_RULES) {
      expect(r.pattern.flags).toContain('g');
      expect(r.reason.vi).not.toBe('');
      expect(r.reason.en).not.toBe('');
    }
  });
});

describe('findMentions', () => {
  it('cuts a list into its addressees, keeping commas and "và" inside names', () => {
    expect(read('Báo Sóc Trăng, Đài Phát thanh - Truyền hình Sóc Trăng và Sở Giáo dục và Đào tạo')).toEqual([
      ['email', 'bao-chi', 'named', 'Báo Sóc Trăng'],
      ['email', 'bao-chi', 'named', 'Đài Phát thanh - Truyền hình Sóc Trăng'],
      ['email', 'so-ban-nganh', 'named', 'Sở Giáo dục và Đào tạo'],
    ]);
    expect(read('Sở Văn hóa, Thể thao và Du lịch; Đài Truyền thanh huyện, thị xã, thành phố và các cơ quan')).toEqual([
      ['email', 'so-ban-nganh', 'named', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['radio', 'dai-truyen-thanh-huyen', 'group', 'Đài Truyền thanh huyện, thị xã, thành phố'],
    ]);
  });

  it('keeps one collective group together', () => {
    expect(read('các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy')).toEqual([
      ['email', 'cap-uy', 'group', 'các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy'],
    ]);
  });

  it('does not read "báo cáo", "bảo đảm", "số 5" or "Sở dĩ" as addressees', () => {
    expect(read('báo cáo kết quả, bảo đảm an toàn, số 5, Sở dĩ như vậy')).toEqual([]);
    expect(read('BÁO CÁO')).toEqual([]);
  });

  it('maps a mention back to the words as written, whatever the input normalisation', () => {
    const nfd = 'Đài Truyền thanh huyện Mỹ Tú'.normalize('NFD');
    expect(read(nfd)[0][3]).toBe('Đài Truyền thanh huyện Mỹ Tú');
  });
});
