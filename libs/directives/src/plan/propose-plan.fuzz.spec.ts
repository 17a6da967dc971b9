import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DIRECTIVE_CHARS } from '../extract';
import { parseOfficialDomains } from './official-domains';
import { proposeChannelPlan } from './propose-plan';
import { seededRandom as prng } from '../../../../test/support/seeded-random';

/** Robustness: any text the extractor accepts gets a plan (never a throw, never a hang). */

const ROOT = join(__dirname, '../../../..');
const officialDomains = parseOfficialDomains({ suffixes: ['gov.vn', 'mattran.org.vn'] });
const FIXTURES = join(ROOT, 'test/fixtures/directives');
const letters = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

const random = prng(0x5eed);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const FRAGMENTS = [
  'Kính gửi:',
  'Nơi nhận:',
  '- ',
  '; ',
  ', ',
  ' và ',
  '. ',
  ': ',
  '(đăng tải thông tin)',
  'đề nghị ',
  'chỉ đạo ',
  'phối hợp chặt chẽ với ',
  'trên ',
  'lên ',
  'qua ',
  'các ',
  'Đài Truyền thanh ',
  'Đài Phát thanh - Truyền hình ',
  'Cổng TTĐT ',
  'Báo ',
  'Sở ',
  'UBND ',
  'huyện, thị xã, thành phố',
  'doanh nghiệp viễn thông',
  'Sóc Trăng',
  'vandongxahoi.mattran.org.vn',
  'https://evil.example/',
  '1. ',
  'IV. ',
  '\n',
  '“',
  'ố',
  'e\u0301',
  '🙂',
];

describe('proposeChannelPlan robustness', () => {
  it('plans random letters built from the parts it reads', () => {
    for (let n = 0; n < 400; n++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 120);
      for (let i = 0; i < parts; i++) text += pick(FRAGMENTS);
      const p = proposeChannelPlan(text, { officialDomains });
      expect(p.drafts.sms.segments).toBeLessThanOrEqual(2);
      expect(p.drafts.banner.headline.length).toBeLessThanOrEqual(120);
    }
  });

  it('plans mangled fixture letters (lines dropped, doubled, cut)', () => {
    for (const base of letters) {
      const lines = base.split('\n');
      for (let n = 0; n < 30; n++) {
        const mangled = lines
          .filter(() => random() > 0.2)
          .flatMap((l) => (random() < 0.1 ? [l, l] : [random() < 0.1 ? l.slice(0, Math.floor(l.length / 2)) : l]))
          .join('\n');
        expect(() => proposeChannelPlan(mangled, { officialDomains })).not.toThrow();
      }
    }
  });

  it('plans letters at the size limit: one endless clause, endless lists, endless addressee names', () => {
    const inputs = [
      'Đài Truyền thanh các huyện, thị xã, thành phố, '.repeat(10_000),
      `Kính gửi:\n- ${'Sở Giáo dục và Đào tạo, Thể thao và Du lịch '.repeat(4000)}\nĐề nghị thực hiện./.`,
      `đề nghị ${'các sở, ban, ngành tỉnh; '.repeat(8000)}`,
      `trên ${'Cổng TTĐT tỉnh, '.repeat(12_000)}`,
      'a'.repeat(MAX_DIRECTIVE_CHARS),
      ', '.repeat(MAX_DIRECTIVE_CHARS / 2),
    ].map((t) => t.slice(0, MAX_DIRECTIVE_CHARS));
    for (const text of inputs) {
      const p = proposeChannelPlan(text, { officialDomains });
      expect(p.entries.length).toBeLessThan(10_000);
    }
  });
});
