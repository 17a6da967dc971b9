import { extractItems } from './items';

function items(lines: string[]) {
  return extractItems(lines, 0, lines.length);
}

describe('extractItems', () => {
  it('numbers points and joins their wrapped lines', () => {
    const result = items([
      'Sở đề nghị các đơn vị thực hiện như sau:',
      '1. Tuyên truyền trách nhiệm mỗi cá nhân thực hiện phòng, chống Covid-19 theo phương',
      'châm “5K+ vắc xin”.',
      '2. Tiếp tục thông tin về tiêm vắc xin.',
    ]);
    expect(result).toEqual([
      {
        number: '1',
        text: 'Tuyên truyền trách nhiệm mỗi cá nhân thực hiện phòng, chống Covid-19 theo phương châm “5K+ vắc xin”.',
        section: null,
      },
      { number: '2', text: 'Tiếp tục thông tin về tiêm vắc xin.', section: null },
    ]);
  });

  it('keeps later paragraphs and bullets of a point on separate lines', () => {
    const result = items([
      '1. Sở Y tế',
      '- Cung cấp thông tin;',
      '- Chỉ đạo các bệnh viện.',
      'Tuyên truyền sâu rộng các văn bản.',
    ]);
    expect(result[0].text).toBe(
      'Sở Y tế\n- Cung cấp thông tin;\n- Chỉ đạo các bệnh viện.\nTuyên truyền sâu rộng các văn bản.',
    );
  });

  it('labels points with their roman section and restarts numbering per section', () => {
    const result = items([
      'I. MỤC ĐÍCH',
      '1. Một.',
      '2. Hai.',
      'II. NỘI DUNG',
      '1. Ba.',
      '1.1. Bốn.',
      '1.2. Năm.',
      '2. Sáu.',
    ]);
    expect(result.map((i) => [i.section, i.number, i.text])).toEqual([
      ['I', '1', 'Một.'],
      ['I', '2', 'Hai.'],
      ['II', '1', 'Ba.'],
      ['II', '1.1', 'Bốn.'],
      ['II', '1.2', 'Năm.'],
      ['II', '2', 'Sáu.'],
    ]);
  });

  it('keeps an out-of-sequence number as text', () => {
    const result = items(['1. Một.', '2. Hai', '7. không phải mục mới.', '3. Ba.']);
    expect(result.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(result[1].text).toBe('Hai\n7. không phải mục mới.');
  });

  it('tolerates one missing number (OCR loss)', () => {
    expect(items(['1. Một.', '3. Ba.']).map((i) => i.number)).toEqual(['1', '3']);
  });

  it('ends the points at the closing request and strips "./."', () => {
    const result = items([
      '1. Một.',
      '2. Hai.',
      'Sở Thông tin và Truyền thông đề nghị các cơ quan thực hiện tốt nội dung trên./.',
    ]);
    expect(result.map((i) => i.text)).toEqual(['Một.', 'Hai.']);
    expect(items(['1. Thực hiện nghiêm./.'])[0].text).toBe('Thực hiện nghiêm.');
  });

  it('does not treat an inner "Đề nghị" paragraph as the closing unless it ends the letter', () => {
    const result = items(['1. Sở Y tế:', 'Đề nghị chỉ đạo các bệnh viện.', '2. Sở Tài chính.']);
    expect(result[0].text).toBe('Sở Y tế:\nĐề nghị chỉ đạo các bệnh viện.');
  });

  it('stops at the signature block and the "Nơi nhận" list', () => {
    expect(items(['1. Một.', 'KT. GIÁM ĐỐC', '2. Hai.']).map((i) => i.number)).toEqual(['1']);
    expect(items(['1. Một.', 'Nơi nhận:', '- 2. Hai.']).map((i) => i.number)).toEqual(['1']);
  });

  it('returns nothing for a body without numbered points', () => {
    expect(items(['Thực hiện chỉ đạo.', 'Đề nghị các đơn vị thực hiện./.'])).toEqual([]);
  });
});
