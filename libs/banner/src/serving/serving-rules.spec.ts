import { bannerSize, DEFAULT_BANNER_SIZE } from './banner-sizes';
import { isLikelyBot } from './bot-agents';
import { clickSignature, isValidClickSignature } from './click-signature';
import { LocalDayClock } from './banner-counters';

describe('banner serving rules', () => {
  it('knows the standard sizes and refuses others', () => {
    expect(bannerSize(undefined)).toBe(DEFAULT_BANNER_SIZE);
    expect(bannerSize('728x90')).toMatchObject({ width: 728, height: 90 });
    expect(bannerSize('320x50')).toMatchObject({ width: 320, height: 50 });
    expect(bannerSize('999x1')).toBeNull();
  });

  it("tells crawlers, scripts and headless browsers from people's browsers", () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36',
      'curl/8.5.0',
      'python-requests/2.31',
      'Go-http-client/1.1',
      '',
      undefined,
    ]) {
      expect([agent, isLikelyBot(agent)]).toEqual([agent, true]);
    }
    for (const agent of [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 CocCoc/131',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    ]) {
      expect([agent, isLikelyBot(agent)]).toEqual([agent, false]);
    }
  });

  it('signs a click link for one portal and one campaign only', () => {
    const secret = 'x'.repeat(40);
    const s = clickSignature(secret, 'portal-key-1', 'c1');
    expect(s).toMatch(/^[\w-]{22}$/);
    expect(isValidClickSignature(secret, 'portal-key-1', 'c1', s)).toBe(true);
    expect(isValidClickSignature(secret, 'portal-key-2', 'c1', s)).toBe(false);
    expect(isValidClickSignature(secret, 'portal-key-1', 'c2', s)).toBe(false);
    expect(isValidClickSignature('y'.repeat(40), 'portal-key-1', 'c1', s)).toBe(false);
    expect(isValidClickSignature(secret, 'portal-key-1', 'c1', null)).toBe(false);
    expect(isValidClickSignature(secret, 'portal-key-1', 'c1', `${s}x`)).toBe(false);
  });

  it("counts by Vietnam's day, turning at its midnight (17:00 UTC)", () => {
    const clock = new LocalDayClock();
    expect(clock.dayOf(Date.parse('2026-12-03T16:59:59.999Z'))).toBe('2026-12-03');
    expect(clock.dayOf(Date.parse('2026-12-03T17:00:00.000Z'))).toBe('2026-12-04');
    expect(clock.dayOf(Date.parse('2026-12-03T16:59:30.000Z'))).toBe('2026-12-03'); // the clock went back
  });
});
