/**
 * Vietnamese mobile numbers as they appear in logs (84xxxxxxxxx, 0xxxxxxxxx, +84…), with all but the network
 * prefix and the last two digits hidden: "84961234567" → "8496*****67". Logs say which carrier and roughly which
 * number without holding subscribers' numbers.
 */
const PHONE = /(?<![\d])(\+?84|0)(\d{2})(\d{4,6})(\d{2})(?![\d])/g;

export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE, (_m, lead: string, net: string, middle: string, last: string) => {
    return `${lead}${net}${'*'.repeat(middle.length)}${last}`;
  });
}
