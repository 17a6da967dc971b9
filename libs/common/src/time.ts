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

/** "09:05 ngày 03/12/2026" in Vietnam's time, as letters and e-mails to agencies write it. */
export function vietnamTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: VN_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;
}
