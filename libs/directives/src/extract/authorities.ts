import {
  isBodyOpening,
  isIndependenceLine,
  isKinhGui,
  isMotto,
  isNumberLine,
  isStampMarker,
  isVvLine,
  parseTypeHeading,
} from './line-kinds';
import { parsePlaceDate } from './place-date';
import { isUppercaseLine, joinWrapped } from './text-lines';

export interface Authorities {
  readonly parentAuthority: string | null;
  readonly issuer: string | null;
  /** Index of the last authority line used, or -1. */
  readonly lastIndex: number;
}

/** Words that open a new organisation name; an uppercase line starting otherwise continues the previous name. */
const ORGANISATION_START =
  /^(?:UBND|HĐND|ỦY BAN|UỶ BAN|HỘI ĐỒNG|SỞ|BỘ|BAN|CỤC|TỔNG CỤC|CHI CỤC|VỤ|VĂN PHÒNG|PHÒNG|TRUNG TÂM|ĐÀI|BÁO|TỈNH (?:ỦY|UỶ)|THÀNH (?:ỦY|UỶ)|HUYỆN (?:ỦY|UỶ)|THỊ (?:ỦY|UỶ)|QUẬN (?:ỦY|UỶ)|ĐẢNG (?:ỦY|UỶ)|ĐẢNG BỘ|ĐOÀN|HỘI|LIÊN ĐOÀN|CÔNG AN|BỘ CHỈ HUY|MẶT TRẬN|BCĐ|CHÍNH PHỦ|QUỐC HỘI|BỆNH VIỆN|TRƯỜNG|VIỆN|TÒA ÁN|TOÀ ÁN|CÔNG TY|TẬP ĐOÀN)(?=\s|$)/u;

/** Urgency and secrecy stamps printed near the letterhead. */
const URGENCY_OR_SECRECY = /^(?:KHẨN|HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|MẬT|TỐI MẬT|TUYỆT MẬT)(?:\s|$)/u;

/** Lines that end the letterhead: the number, subject, addressees or title have begun. */
function endsLetterhead(line: string): boolean {
  return (
    isNumberLine(line) ||
    isVvLine(line) ||
    isKinhGui(line) ||
    isStampMarker(line) ||
    parseTypeHeading(line) !== null ||
    isBodyOpening(line) ||
    line.length > 120
  );
}

/**
 * The letterhead's uppercase organisation lines ("UBND TỈNH SÓC TRĂNG" / "SỞ THÔNG TIN VÀ TRUYỀN THÔNG").
 * The motto, the place-date line and OCR noise (page numbers, handwriting) are skipped, not treated as the end.
 */
export function extractAuthorities(lines: readonly string[], limit: number): Authorities {
  const names: string[][] = [];
  let lastIndex = -1;
  for (let i = 0; i < Math.min(limit, lines.length); i++) {
    const line = lines[i];
    if (endsLetterhead(line)) break;
    if (isMotto(line) || isIndependenceLine(line) || URGENCY_OR_SECRECY.test(line)) continue;
    if (parsePlaceDate(line) !== null) continue;
    if (!isUppercaseLine(line) || /[:;]/u.test(line) || line.length > 80) continue;
    if (names.length === 0 || ORGANISATION_START.test(line)) names.push([line]);
    else names[names.length - 1].push(line);
    lastIndex = i;
  }
  const joined = names.map(joinWrapped);
  if (joined.length === 0) return { parentAuthority: null, issuer: null, lastIndex };
  return {
    parentAuthority: joined.length >= 2 ? joined[joined.length - 2] : null,
    issuer: joined[joined.length - 1],
    lastIndex,
  };
}
