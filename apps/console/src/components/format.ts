/** Dates as a department reads them: Vietnam's time zone, day first. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

function format(iso: string | null | undefined, lang: 'vi' | 'en', withTime: boolean): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined, lang: 'vi' | 'en'): string {
  return format(iso, lang, true);
}

export function formatDate(iso: string | null | undefined, lang: 'vi' | 'en'): string {
  return format(iso, lang, false);
}

export function formatNumber(n: number, lang: 'vi' | 'en'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

/** A click-through rate (0.0125) as "1,3 %" / "1.3 %"; a dash when nothing was shown. */
export function formatRate(rate: number, shown: number, lang: 'vi' | 'en'): string {
  if (!shown) return '—';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(rate * 100)} %`;
}

/** A calendar day (YYYY-MM-DD, already Vietnam's) as "04/12/2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** A letter's own date as the API answers it: "28/9/2021" when whole, "…/9/2021" when the day is left blank. */
export function formatLetterDate(date: string | { year: number; month: number | null } | null): string | null {
  if (date === null) return null;
  if (typeof date === 'string') {
    const [y, m, d] = date.split('-').map(Number);
    return `${d}/${m}/${y}`;
  }
  return `…/${date.month ?? '…'}/${date.year}`;
}
