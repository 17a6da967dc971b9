/**
 * Recognisers for the fixed parts of a Vietnamese administrative letter (Decree 30/2020/ND-CP layout).
 * All patterns are anchored and use bounded repetition, so a line of any length is checked in linear time.
 */
import { isUppercaseLine } from './text-lines';

/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (state) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party) national motto line. */
export function isMotto(line: string): boolean {
  return /^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM/u.test(line) || /^ĐẢNG CỘNG SẢN VIỆT NAM$/u.test(line);
}

/** "Độc lập - Tự do - Hạnh phúc" with any dash. */
export function isIndependenceLine(line: string): boolean {
  return /^Độc lập\s?[-–—]\s?Tự do\s?[-–—]\s?Hạnh phúc/iu.test(line);
}

export function isKinhGui(line: string): boolean {
  return /^Kính gửi(?=\s|:|$)/iu.test(line);
}

export function isNoiNhan(line: string): boolean {
  return /^Nơi nhận(?=\s|:|$)/iu.test(line);
}

/** "V/v …" subject line of a công văn. */
export function isVvLine(line: string): boolean {
  return /^V\/v(?=[\s.:]|$)/iu.test(line);
}

/** Text after "Kính gửi:" / "Nơi nhận:" / "V/v" on the same line. */
export function afterLabel(line: string, label: RegExp): string {
  const match = label.exec(line);
  return match ? line.slice(match[0].length).replace(/^[\s.:]+/u, '') : line;
}

/** The uppercase word "ĐẾN" marks a receiving office's stamp ("VĂN BẢN ĐẾN", "CÔNG VĂN ĐẾN", "ĐẾN Số: …"). */
export function isStampMarker(line: string): boolean {
  return /(?:^|[^\p{L}])ĐẾN(?:[^\p{L}]|$)/u.test(line.slice(0, 200)) || /^(?:Đến số|Số đến|Ngày đến)\s?:/iu.test(line);
}

/** Fill-in fields of a receiving stamp: "Ngày: 04/10/21", "Chuyển:", "Lưu hồ sơ số:". */
export function isStampField(line: string): boolean {
  return /^(?:Ngày|Chuyển|Lưu hồ sơ(?: số)?|Giờ|Người nhận)\s?:/iu.test(line);
}

/** "Số: 570/…", "Số 22 -HD/…", "SỐ: …" */
export function isNumberLine(line: string): boolean {
  return /^(?:Số|SỐ)(?:\s?[:.…_\d/-]|$)/u.test(line);
}

/** Opening words of a body paragraph, which end a title or subject block. */
export function isBodyOpening(line: string): boolean {
  return /^(?:Căn cứ|Thực hiện|Theo|Nhằm|Để|Trên cơ sở|Xét|Qua|Hiện nay|Ngày \d)/u.test(line);
}

const SECTION_NUMERALS = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
];

/** "II. NỘI DUNG TUYÊN TRUYỀN" → { ordinal: 2, numeral: "II", title }. */
export function parseSectionHeading(line: string): { ordinal: number; numeral: string; title: string } | null {
  const match = /^([IVX]{1,4})\.\s(\S.*)$/u.exec(line);
  if (!match) return null;
  const ordinal = SECTION_NUMERALS.indexOf(match[1]) + 1;
  return ordinal > 0 ? { ordinal, numeral: match[1], title: match[2] } : null;
}

/** "1. Text", "4.1. Text", "2) Text" → { parts: [4, 1], number: "4.1", text }. */
export function parseNumberedHeading(line: string): { parts: number[]; number: string; text: string } | null {
  const match = /^(\d{1,2}(?:\.\d{1,2}){0,2})[.)]\s(\S.*)$/u.exec(line);
  if (!match) return null;
  return { parts: match[1].split('.').map(Number), number: match[1], text: match[2] };
}

/** Uppercase title headings of non-công văn documents, longest first where one is a prefix of another. */
const DOCUMENT_TYPES = [
  'HƯỚNG DẪN',
  'KẾ HOẠCH',
  'THÔNG BÁO',
  'QUYẾT ĐỊNH',
  'CHỈ THỊ',
  'NGHỊ QUYẾT',
  'NGHỊ ĐỊNH',
  'BÁO CÁO',
  'TỜ TRÌNH',
  'CÔNG ĐIỆN',
  'CÔNG VĂN',
  'THÔNG TƯ',
  'CHƯƠNG TRÌNH',
  'ĐỀ ÁN',
  'PHƯƠNG ÁN',
  'QUY CHẾ',
  'QUY ĐỊNH',
  'GIẤY MỜI',
  'KẾT LUẬN',
  'LỜI KÊU GỌI',
  'THƯ KÊU GỌI',
  'THƯ NGỎ',
  'HIỆU TRIỆU',
  'BIÊN BẢN',
];

/** "HƯỚNG DẪN" alone, or followed by the title on the same line → { type: "hướng dẫn", rest }. */
export function parseTypeHeading(line: string): { type: string; rest: string } | null {
  for (const type of DOCUMENT_TYPES) {
    if (!line.startsWith(type)) continue;
    const rest = line.slice(type.length);
    if (rest === '') return { type: type.toLowerCase(), rest: '' };
    if (/^[\s:]/u.test(rest)) return { type: type.toLowerCase(), rest: rest.replace(/^[\s:]+/u, '') };
  }
  return null;
}

/** The type implied by the first part of a symbol ("HD/BTGTU", "QĐ-UBND"), for letters without a title line. */
const TYPE_BY_SYMBOL_PREFIX: Readonly<Record<string, string>> = {
  HD: 'hướng dẫn',
  KH: 'kế hoạch',
  TB: 'thông báo',
  QĐ: 'quyết định',
  CT: 'chỉ thị',
  NQ: 'nghị quyết',
  BC: 'báo cáo',
  TTR: 'tờ trình',
  CĐ: 'công điện',
  CV: 'công văn',
  KL: 'kết luận',
  GM: 'giấy mời',
  CTR: 'chương trình',
};

export function typeFromSymbol(symbol: string): string | null {
  const head = symbol.split(/[-/]/u)[0].toUpperCase();
  return TYPE_BY_SYMBOL_PREFIX[head] ?? null;
}

/** Signature-block title lines: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "K/T TRƯỞNG BAN". */
export function isSignerTitle(line: string): boolean {
  if (/^(?:KT|K\/T|TM|T\/M|TL|T\/L|TUQ|Q)\.?\s\p{Lu}/u.test(line)) return true;
  if (line.length > 80 || /\p{Ll}/u.test(line)) return false;
  return /^(?:PHÓ\s|Q\.\s)?(?:GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG BAN|TRƯỞNG PHÒNG|BÍ THƯ|CHÁNH VĂN PHÒNG|THỦ TRƯỞNG|TỔNG BIÊN TẬP|VIỆN TRƯỞNG|HIỆU TRƯỞNG|CHỈ HUY TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|BỘ TRƯỞNG|THỦ TƯỚNG|TRƯỞNG BAN THƯỜNG TRỰC)(?:\s|$)/u.test(
    line,
  );
}

/** A personal name: two to six capitalised words and nothing else ("Lê Hoàng Bắc", "Lý Rotha"). */
export function isPersonName(line: string): boolean {
  return line.length <= 60 && /^\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){1,5}$/u.test(line) && !isUppercaseLine(line);
}
