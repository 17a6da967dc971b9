export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A date as Vietnamese officials write it, in Asia/Ho_Chi_Minh: "ngày 24 tháng 11 năm 2026". */
export function vietnameseLongDate(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: VN_TIME_ZONE,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  })
    .formatToParts(d)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `ngày ${parts.day} tháng ${parts.month} năm ${parts.year}`;
}
