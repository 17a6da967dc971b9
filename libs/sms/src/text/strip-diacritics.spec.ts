import { isGsm7 } from './gsm-alphabet';
import { stripDiacritics } from './strip-diacritics';

const VOWELS_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
const EXPECTED_LOWER =
  'a'.repeat(18) + 'e'.repeat(12) + 'i'.repeat(6) + 'o'.repeat(18) + 'u'.repeat(12) + 'y'.repeat(6);

describe('stripDiacritics', () => {
  it('removes every tone and vowel mark from the Vietnamese vowels', () => {
    expect(stripDiacritics(VOWELS_LOWER)).toBe(EXPECTED_LOWER);
    expect(stripDiacritics(VOWELS_LOWER.toUpperCase())).toBe(EXPECTED_LOWER.toUpperCase());
  });

  it('folds đ and Đ (and their Latin-1 look-alikes ð/Ð)', () => {
    expect(stripDiacritics('Đài Phát thanh, đồng bào')).toBe('Dai Phat thanh, dong bao');
    expect(stripDiacritics('Ðà Nẵng ð')).toBe('Da Nang d');
  });

  it('handles NFD input exactly like NFC input', () => {
    const nfc = 'Sở Thông tin và Truyền thông tỉnh Sóc Trăng';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(stripDiacritics(nfd)).toBe('So Thong tin va Truyen thong tinh Soc Trang');
    expect(stripDiacritics(nfc)).toBe(stripDiacritics(nfd));
  });

  it('returns NFC and leaves everything else alone', () => {
    const result = stripDiacritics('Tiêm vắc xin 5K+ “ngay” – 100% €😀');
    expect(result).toBe('Tiem vac xin 5K+ “ngay” – 100% €😀');
    expect(result).toBe(result.normalize('NFC'));
  });

  it('turns a typical directive sentence into GSM-7 text', () => {
    const sentence = 'Đề nghị người dân thực hiện nghiêm biện pháp phòng, chống dịch Covid-19.';
    expect(isGsm7(sentence)).toBe(false);
    expect(isGsm7(stripDiacritics(sentence))).toBe(true);
  });

  it('is idempotent', () => {
    const once = stripDiacritics('Ủy ban nhân dân tỉnh Kiên Giang');
    expect(stripDiacritics(once)).toBe(once);
    expect(once).toBe('Uy ban nhan dan tinh Kien Giang');
  });
});
