import { findSubject } from './subject';

describe('findSubject', () => {
  it('joins a V/v subject wrapped over lines and stops at the motto', () => {
    const lines = [
      'Số: 570/STTTT-TTBCBC',
      'V/v Đẩy mạnh thông tin, tuyên truyền về',
      'phòng, chống Covid-19',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ];
    expect(findSubject(lines, lines.length)).toEqual({
      documentType: 'công văn',
      subject: 'Đẩy mạnh thông tin, tuyên truyền về phòng, chống Covid-19',
      lastIndex: 2,
    });
  });

  it('stops a V/v subject at the place-date line and at Kính gửi', () => {
    const lines = ['V/v: tuyên truyền', 'Sóc Trăng, ngày 1 tháng 1 năm 2022', 'Kính gửi:'];
    expect(findSubject(lines, lines.length)).toMatchObject({ subject: 'tuyên truyền', lastIndex: 0 });
  });

  it('reads the title block under a type heading', () => {
    const lines = [
      'HƯỚNG DẪN',
      'đẩy mạnh tuyên truyền phòng, chống dịch Covid-19',
      'và phát triển kinh tế - xã hội trong trạng thái bình thường mới',
      'Thực hiện Hướng dẫn số 24-HD/BTGTU ngày 20/9/2021 của Ban Tuyên giáo Trung ương',
    ];
    expect(findSubject(lines, lines.length)).toEqual({
      documentType: 'hướng dẫn',
      subject:
        'đẩy mạnh tuyên truyền phòng, chống dịch Covid-19 và phát triển kinh tế - xã hội trong trạng thái bình thường mới',
      lastIndex: 2,
    });
  });

  it('keeps an uppercase title block together but stops a mixed-case one at an uppercase line', () => {
    const caps = ['KẾ HOẠCH', 'TUYÊN TRUYỀN CHUYỂN ĐỔI SỐ', 'NĂM 2022', '-----', 'I. MỤC ĐÍCH'];
    expect(findSubject(caps, caps.length)).toMatchObject({
      documentType: 'kế hoạch',
      subject: 'TUYÊN TRUYỀN CHUYỂN ĐỔI SỐ NĂM 2022',
    });
    const decision = ['QUYẾT ĐỊNH', 'Về việc ban hành Quy chế', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH'];
    expect(findSubject(decision, decision.length)).toMatchObject({
      documentType: 'quyết định',
      subject: 'Về việc ban hành Quy chế',
      lastIndex: 1,
    });
  });

  it('does not take a "CÔNG VĂN ĐẾN" stamp for a title', () => {
    const lines = ['CÔNG VĂN ĐẾN', 'Số: 12', 'THÔNG BÁO', 'Lịch tiếp công dân'];
    expect(findSubject(lines, lines.length)).toMatchObject({
      documentType: 'thông báo',
      subject: 'Lịch tiếp công dân',
    });
  });

  it('returns nulls when there is neither V/v nor a heading', () => {
    expect(findSubject(['Kính gửi:', 'Thực hiện'], 2)).toEqual({ documentType: null, subject: null, lastIndex: -1 });
  });
});
