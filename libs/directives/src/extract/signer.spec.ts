import { extractSigner } from './signer';

describe('extractSigner', () => {
  it('joins title lines with " / " and takes the name below them', () => {
    const lines = ['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Hoàng Bắc'];
    expect(extractSigner(lines, 0, new Set([0, 1, 2]))).toEqual({
      name: 'Lê Hoàng Bắc',
      title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    });
  });

  it('reads a name without a title', () => {
    const lines = ['Nơi nhận:', '- Như trên;', 'Lâm Văn Sơn'];
    expect(extractSigner(lines, 0, new Set([0, 1]))).toEqual({ name: 'Lâm Văn Sơn', title: null });
  });

  it('reads a title whose name is missing (unsigned draft)', () => {
    expect(extractSigner(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], 0, new Set())).toEqual({
      name: null,
      title: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH',
    });
  });

  it('ignores the skipped lines and returns null when nothing is found', () => {
    expect(extractSigner(['- Lê Văn A'], 0, new Set([0]))).toBeNull();
    expect(extractSigner(['Lê Văn A'], 0, new Set([0]))).toBeNull();
    expect(extractSigner(['thực hiện./.'], 0, new Set())).toBeNull();
  });
});
