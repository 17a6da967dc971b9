import { collectList } from './bullet-list';

describe('collectList', () => {
  it('collects bulleted entries and cleans bullets and trailing punctuation', () => {
    const lines = [
      'Kính gửi:',
      '- Báo Kiên Giang;',
      '- Cổng Thông tin điện tử tỉnh;',
      '- UBND các huyện.',
      'Thực hiện',
    ];
    expect(collectList(lines, 0, '')).toEqual({
      entries: ['Báo Kiên Giang', 'Cổng Thông tin điện tử tỉnh', 'UBND các huyện'],
      lastIndex: 3,
    });
  });

  it('joins a bullet wrapped onto a lowercase line', () => {
    const lines = ['Kính gửi:', '- Thường trực UBND các huyện, thị xã,', 'thành phố;', '- Báo Sóc Trăng.'];
    expect(collectList(lines, 0, '').entries).toEqual([
      'Thường trực UBND các huyện, thị xã, thành phố',
      'Báo Sóc Trăng',
    ]);
  });

  it('takes a single addressee written on the label line', () => {
    const lines = ['Kính gửi: Ông Giám đốc Sở Y tế', 'Thực hiện chỉ đạo của UBND tỉnh, Sở đề nghị'];
    expect(collectList(lines, 0, 'Ông Giám đốc Sở Y tế')).toEqual({ entries: ['Ông Giám đốc Sở Y tế'], lastIndex: 0 });
  });

  it('accepts short unbulleted entries separated by ";"', () => {
    const lines = ['Kính gửi:', 'Sở Y tế;', 'Sở Giáo dục và Đào tạo.', 'Căn cứ Luật Báo chí năm 2016'];
    expect(collectList(lines, 0, '').entries).toEqual(['Sở Y tế', 'Sở Giáo dục và Đào tạo']);
  });

  it('stops at a signer title or a new label', () => {
    const lines = ['Nơi nhận:', '- Như trên;', '- Lưu: VT, TTBCXB.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'];
    expect(collectList(lines, 0, '')).toEqual({ entries: ['Như trên', 'Lưu: VT, TTBCXB'], lastIndex: 2 });
  });

  it('returns no entries when the label is followed by body text', () => {
    expect(collectList(['Kính gửi:', 'Thực hiện Công văn số 1/UBND'], 0, '').entries).toEqual([]);
  });
});
