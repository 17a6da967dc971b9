import { SQL_SEARCH_FOLD, searchFold, searchPattern } from './search-fold';

describe('searchFold', () => {
  it('reads Vietnamese with and without marks, in any case, alike', () => {
    expect(searchFold('Ủng hộ Quỹ vì người nghèo')).toBe('ung ho quy vi nguoi ngheo');
    expect(searchFold('ĐÀI TRUYỀN THANH')).toBe('dai truyen thanh');
    expect(searchFold('Sở Thông tin và Truyền thông'.normalize('NFD'))).toBe('so thong tin va truyen thong');
  });

  it('maps every marked letter in the SQL table to the same letter searchFold gives', () => {
    expect([...SQL_SEARCH_FOLD.from]).toHaveLength([...SQL_SEARCH_FOLD.to].length);
    const from = [...SQL_SEARCH_FOLD.from];
    const to = [...SQL_SEARCH_FOLD.to];
    from.forEach((c, i) => expect(searchFold(c)).toBe(to[i]));
    for (const c of 'ắằẳẵặẤỆỮđĐƯơ') expect(SQL_SEARCH_FOLD.from).toContain(c);
  });

  it('escapes LIKE wildcards so a search for "50%" is literal', () => {
    expect(searchPattern(' 50%_x\\ ')).toBe('%50\\%\\_x\\\\%');
  });
});
