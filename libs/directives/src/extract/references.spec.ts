import { extractReferences } from './references';

describe('extractReferences', () => {
  it('finds state and Party codes with the date written after them', () => {
    const text =
      'Thực hiện Hướng dẫn số 24-HD/BTGTU ngày 20/9/2021; Kết luận số 07-KL/TW, ngày 11/6/2021; ' +
      'Nghị quyết số 30/2021/QH15, ngày 28/7/2021; Quyết định 2375/QĐ-UBND ngày 15 tháng 9 năm 2021; Chỉ thị 08/CT-TTg.';
    expect(extractReferences(text, null)).toEqual([
      { code: '24-HD/BTGTU', date: '2021-09-20' },
      { code: '07-KL/TW', date: '2021-06-11' },
      { code: '30/2021/QH15', date: '2021-07-28' },
      { code: '2375/QĐ-UBND', date: '2021-09-15' },
      { code: '08/CT-TTg', date: null },
    ]);
  });

  it('ignores dates, percentages, disease names and ranges', () => {
    const text = 'ngày 28/9/2021, Covid-19, 2020 - 2025, Chỉ thị 15, 16, 19, 24/24h, 5K+ và 1/2 số hộ';
    expect(extractReferences(text, null)).toEqual([]);
  });

  it('deduplicates, keeping the first date found', () => {
    const text = 'Quyết định 2375/QĐ-UBND; ... Quyết định số: 2375/QĐ-UBND ngày 15/9/2021; 2375/QĐ-UBND ngày 1/1/2020';
    expect(extractReferences(text, null)).toEqual([{ code: '2375/QĐ-UBND', date: '2021-09-15' }]);
  });

  it("leaves out the letter's own code", () => {
    const text = 'Công văn số 570/STTTT-TTBCBC và 576/STTTT-TTBCBC ngày 04/6/2021';
    expect(extractReferences(text, { number: '570', symbol: 'STTTT-TTBCBC' })).toEqual([
      { code: '576/STTTT-TTBCBC', date: '2021-06-04' },
    ]);
  });

  it('gives a null date when the written date is impossible', () => {
    expect(extractReferences('Công văn 12/UBND-VX ngày 31/2/2021', null)).toEqual([{ code: '12/UBND-VX', date: null }]);
  });
});
