/**
 * User agents of crawlers, link previewers, monitors, scripts and headless browsers: their requests are answered
 * but neither impressions nor clicks are counted. A request without a user agent is not a person's browser either.
 */
const BOT_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|headless|phantomjs|selenium|puppeteer|playwright|lighthouse|pingdom|uptime|monitor|curl\/|wget\/|python-|java\/|go-http-client|okhttp|axios\/|node-fetch|undici|libwww|httpclient|scrapy|zgrab|masscan/i;

export function isLikelyBot(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.length < 10) return true;
  return BOT_AGENT.test(userAgent);
}
