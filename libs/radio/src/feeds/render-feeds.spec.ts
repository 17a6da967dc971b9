import Parser from 'rss-parser';
import {
  FeedScript,
  StationFeed,
  areaName,
  renderCapAlert,
  renderCapFeed,
  renderFeedJson,
  renderRss,
} from './render-feeds';
import { capDateTime, escapeXml, etagMatches, etagOf } from './xml';
import { CAP_XSD, xmllint } from '../../../../test/support/xmllint';

const base: FeedScript = {
  scriptId: '0b6f3c1e-5a55-4f5e-9c1a-6a1f8e0b1a11',
  campaignId: '0b6f3c1e-5a55-4f5e-9c1a-6a1f8e0b1a11',
  title: 'Chung tay ủng hộ phòng, chống dịch Covid-19 & <vắc xin>',
  text: 'Kính thưa bà con nhân dân!\n\nTruy cập vandongxahoi chấm mattran chấm org chấm vn.',
  words: 12,
  estimatedSeconds: 6,
  airtimeSeconds: 6,
  warnings: [],
  priority: 'normal',
  slots: ['06:00', '17:00'],
  startDate: '2026-05-01',
  endDate: '2026-05-07',
  repeat: 1,
  startsAt: '2026-04-30T23:00:00.000Z',
  endsAt: '2026-05-07T16:59:00.000Z',
  relayed: true,
  relayedFrom: 'dtt-mytu',
  relayedFromName: 'Đài Truyền thanh huyện Mỹ Tú',
  originStation: 'dtt-mytu',
  status: 'active',
  publishedAt: '2026-04-30T23:00:05.000Z',
  revision: 1,
  revisedAt: null,
  revisions: [{ revision: 1, sentAt: '2026-04-30T23:00:05.000Z' }],
  withdrawnAt: null,
  documentCode: '5069/VP-VX',
  mode: 'actual',
  doNotAir: false,
  senderName: 'Sở Thông tin và Truyền thông tỉnh Sóc Trăng',
  audio: {
    url: 'http://127.0.0.1:3000/stations/dtt-xa-mytu-myhuong/audio/0b6f3c1e-5a55-4f5e-9c1a-6a1f8e0b1a11.mp3',
    mimeType: 'audio/mpeg',
    bytes: 25548,
    durationSeconds: 4.19,
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    voice: 'vi-vn-x-south',
    source: 'tts',
  },
  audioStatus: 'ready',
};

const feed: StationFeed = {
  station: {
    code: 'dtt-xa-mytu-myhuong',
    name: 'Đài Truyền thanh xã Mỹ Hương',
    level: 'commune',
    parent: 'dtt-mytu',
    adminUnitCode: '31525',
    region: 'south',
    timeZone: 'Asia/Ho_Chi_Minh',
    slots: [{ start: '06:00', minutes: 30 }],
  },
  sender: 'stttt-soctrang@loa.example',
  feedBaseUrl: 'http://127.0.0.1:3000/stations/dtt-xa-mytu-myhuong',
  scripts: [
    base,
    {
      ...base,
      scriptId: '7d1b8a8e-1c0b-4c47-8b3f-3c5e0f7d2b22',
      campaignId: '7d1b8a8e-1c0b-4c47-8b3f-3c5e0f7d2b22',
      title: 'Bão số 5',
      priority: 'emergency',
      relayed: false,
      relayedFrom: null,
      relayedFromName: null,
      originStation: 'dtt-xa-mytu-myhuong',
      status: 'withdrawn',
      withdrawnAt: '2026-05-02T03:00:00.000Z',
      audio: null,
      audioStatus: 'unavailable',
    },
    { ...base, scriptId: 'paused-1', status: 'paused' },
  ],
};

describe('CAP 1.2 output', () => {
  it('formats times with a numeric offset, never Z', () => {
    expect(capDateTime('2026-04-30T23:00:05.123Z', 'Asia/Ho_Chi_Minh')).toBe('2026-05-01T06:00:05+07:00');
    expect(capDateTime('2026-04-30T23:00:05Z', 'UTC')).toBe('2026-04-30T23:00:05+00:00');
  });

  it('validates against the OASIS schema with xmllint, for an alert and a cancel', () => {
    for (const s of feed.scripts.slice(0, 2)) {
      const xml = renderCapAlert(feed, s, { xmlDeclaration: true });
      expect(xmllint(['--noout', '--schema', CAP_XSD], xml)).toBe('');
    }
  });

  it('names the area by today’s units where the map knows them (a former district: the communes it became)', () => {
    const units = [
      { code: '31567', name: 'Xã Mỹ Tú' },
      { code: '31591', name: 'Xã Mỹ Hương' },
    ];
    const alert = renderCapAlert({ ...feed, station: { ...feed.station, adminUnitCode: '944', units } }, base);
    expect(alert).toContain(
      '<areaDesc>Xã Mỹ Tú, Xã Mỹ Hương</areaDesc><geocode><valueName>VN-DVHC</valueName><value>31567</value></geocode>' +
        '<geocode><valueName>VN-DVHC</valueName><value>31591</value></geocode></area>',
    );
  });

  it('maps the priority, the area code and the audio resource', () => {
    const alert = renderCapAlert(feed, base);
    expect(alert).toContain('<msgType>Alert</msgType>');
    expect(alert).toContain('<language>vi-VN</language>');
    expect(alert).toContain('<urgency>Future</urgency><severity>Minor</severity>');
    expect(alert).toContain(
      '<areaDesc>xã Mỹ Hương</areaDesc><geocode><valueName>VN-DVHC</valueName><value>31525</value>',
    );
    expect(alert).toContain('<mimeType>audio/mpeg</mimeType><size>25548</size>');
    expect(alert).toContain('<valueName>loa:relayedFrom</valueName><value>dtt-mytu</value>');
    expect(alert).toContain('&amp; &lt;vắc xin&gt;');
  });

  it('withdraws a cancelled script as a Cancel that references its Alert', () => {
    const cancel = renderCapAlert(feed, feed.scripts[1]);
    const id = `loa-radio-${feed.scripts[1].scriptId}-dtt-xa-mytu-myhuong`;
    expect(cancel).toContain(`<identifier>${id}-cancel</identifier>`);
    expect(cancel).toContain('<msgType>Cancel</msgType>');
    expect(cancel).toContain(`<references>stttt-soctrang@loa.example,${id},2026-05-01T06:00:05+07:00</references>`);
    expect(cancel).toContain('<urgency>Past</urgency><severity>Severe</severity>');
    expect(cancel).not.toContain('<resource>');
  });

  it('publishes every alert in an Atom feed whose inline alerts each validate; paused ones are left out', () => {
    const atom = renderCapFeed(feed);
    expect(xmllint(['--noout'], atom)).toBe('');
    const alerts = atom.match(/<alert [\s\S]*?<\/alert>/g) ?? [];
    expect(alerts).toHaveLength(2);
    for (const a of alerts) expect(xmllint(['--noout', '--schema', CAP_XSD], a)).toBe('');
  });
});

describe('exercises and tests: stations get them marked, never to be aired', () => {
  const exercise: FeedScript = { ...base, mode: 'exercise', doNotAir: true };
  const q = (xpath: string, xml: string) => xmllint(['--xpath', xpath], xml).trim();

  it('sends an exercise as CAP status Exercise with the notice, still valid CAP 1.2', () => {
    const xml = renderCapAlert(feed, exercise, { xmlDeclaration: true });
    expect(xmllint(['--noout', '--schema', CAP_XSD], xml)).toBe('');
    const ns = "*[local-name()='alert']/*[local-name()='";
    expect(q(`string(/${ns}status'])`, xml)).toBe('Exercise');
    expect(q(`string(/${ns}note'])`, xml)).toBe('DIỄN TẬP – KHÔNG PHÁT LÊN LOA. Exercise: do not broadcast.');
    expect(q(`string(/${ns}info']/*[local-name()='headline'])`, xml)).toMatch(/^\[DIỄN TẬP\] Chung tay/);
    expect(q(`string(/${ns}info']/*[local-name()='description'])`, xml)).toMatch(/^DIỄN TẬP – KHÔNG PHÁT/);
    const test = renderCapAlert(feed, { ...base, mode: 'test', doNotAir: true, status: 'withdrawn' });
    expect(xmllint(['--noout', '--schema', CAP_XSD], test)).toBe('');
    expect(q(`string(/${ns}status'])`, test)).toBe('Test');
    expect(q(`string(/${ns}note'])`, test)).toMatch(/^THỬ NGHIỆM – KHÔNG PHÁT LÊN LOA\. .* Chiến dịch đã bị hủy/);
  });

  it('marks the RSS item and the Atom entry, and leaves a real script as it was', () => {
    const one = { ...feed, scripts: [exercise] };
    expect(q('string(//item/title)', renderRss(one))).toBe(`[DIỄN TẬP] [Tiếp âm] ${base.title}`);
    expect(q('string(//item/description)', renderRss(one))).toMatch(/^DIỄN TẬP – KHÔNG PHÁT LÊN LOA/);
    expect(renderCapFeed(one)).toContain(`<title>[DIỄN TẬP] ${escapeXml(base.title)}</title>`);
    expect(JSON.parse(renderFeedJson(one)).scripts[0]).toMatchObject({ mode: 'exercise', doNotAir: true });
    const real = renderCapAlert(feed, base);
    expect(real).toContain('<status>Actual</status>');
    expect(real).not.toContain('KHÔNG PHÁT');
    expect(q('string(//item/title)', renderRss({ ...feed, scripts: [base] }))).toBe(`[Tiếp âm] ${base.title}`);
  });
});

describe('CAP updates after amendments', () => {
  const amended: FeedScript = {
    ...base,
    revision: 3,
    revisedAt: '2026-05-02T01:00:00.000Z',
    revisions: [
      { revision: 1, sentAt: '2026-04-30T23:00:05.000Z' },
      { revision: 2, sentAt: '2026-05-01T02:00:00.000Z' },
      { revision: 3, sentAt: '2026-05-02T01:00:00.000Z' },
    ],
    audio: { ...base.audio!, source: 'upload', voice: '' },
  };
  const id = `loa-radio-${base.scriptId}-dtt-xa-mytu-myhuong`;

  it('sends an amended script as an Update with its own identifier, referencing every earlier version', () => {
    const xml = renderCapAlert(feed, amended, { xmlDeclaration: true });
    expect(xmllint(['--noout', '--schema', CAP_XSD], xml)).toBe('');
    expect(xml).toContain(`<identifier>${id}-r3</identifier>`);
    expect(xml).toContain('<msgType>Update</msgType>');
    expect(xml).toContain('<sent>2026-05-02T08:00:00+07:00</sent>');
    expect(xml).toContain(
      `<references>stttt-soctrang@loa.example,${id},2026-05-01T06:00:05+07:00 ` +
        `stttt-soctrang@loa.example,${id}-r2,2026-05-01T09:00:00+07:00</references>`,
    );
    expect(xml).toContain('<valueName>loa:revision</valueName><value>3</value>');
    expect(xml).toContain('<resourceDesc>Bản ghi âm</resourceDesc>');
  });

  it('cancels the latest version and references all of them', () => {
    const withdrawn: FeedScript = { ...amended, status: 'withdrawn', withdrawnAt: '2026-05-03T00:00:00.000Z' };
    const xml = renderCapAlert(feed, withdrawn, { xmlDeclaration: true });
    expect(xmllint(['--noout', '--schema', CAP_XSD], xml)).toBe('');
    expect(xml).toContain(`<identifier>${id}-r3-cancel</identifier>`);
    expect(xml).toContain('<msgType>Cancel</msgType>');
    expect(xml).toContain(`,${id}-r3,2026-05-02T08:00:00+07:00</references>`);
    const references = /<references>([^<]*)<\/references>/.exec(xml)![1].split(' ');
    expect(references.map((r) => r.split(',')[1])).toEqual([id, `${id}-r2`, `${id}-r3`]);
  });

  it('marks a withdrawn item only as withdrawn, even when it was relayed and amended', async () => {
    const withdrawn: FeedScript = { ...amended, status: 'withdrawn', withdrawnAt: '2026-05-03T00:00:00.000Z' };
    const parsed = await new Parser().parseString(renderRss({ ...feed, scripts: [withdrawn] }));
    expect(parsed.items[0].title).toBe(`[Đã thu hồi] ${base.title}`);
  });

  it('gives the amended item a new RSS guid and title, dated by the amendment', () => {
    const rss = renderRss({ ...feed, scripts: [amended] });
    const q = (xpath: string) => xmllint(['--xpath', xpath], rss).trim();
    expect(q('string(/rss/channel/item[1]/guid)')).toBe(`${id}-r3`);
    expect(q('string(/rss/channel/item[1]/title)')).toMatch(/^\[Cập nhật lần 2\] \[Tiếp âm\] /);
    expect(q('string(/rss/channel/item[1]/pubDate)')).toBe('Sat, 02 May 2026 01:00:00 GMT');
    const atom = renderCapFeed({ ...feed, scripts: [amended] });
    expect(atom).toContain(`<id>urn:loa:cap:${id}-r3</id>`);
    expect(atom).toContain('<updated>2026-05-02T01:00:00.000Z</updated>');
  });
});

describe('RSS 2.0 output', () => {
  it('is well-formed, with the audio as enclosure and relay and withdrawal as categories', () => {
    const rss = renderRss(feed);
    expect(xmllint(['--noout'], rss)).toBe('');
    const q = (xpath: string) => xmllint(['--xpath', xpath], rss).trim();
    expect(q('count(/rss[@version="2.0"]/channel/item)')).toBe('3');
    expect(q('string(/rss/channel/item[1]/enclosure/@type)')).toBe('audio/mpeg');
    expect(q('string(/rss/channel/item[1]/enclosure/@length)')).toBe('25548');
    expect(q('string(/rss/channel/item[1]/category[@domain="urn:loa:radio:relayed-from"])')).toBe('dtt-mytu');
    expect(q('string(/rss/channel/item[2]/title)')).toBe('[Đã thu hồi] Bão số 5');
    expect(q('count(/rss/channel/item[2]/enclosure)')).toBe('0');
    expect(q('string(/rss/channel/item[1]/pubDate)')).toBe('Thu, 30 Apr 2026 23:00:05 GMT');
  });
});

/** rss-parser keeps a category with a domain attribute as xml2js gives it: { $: { domain }, _: value }. */
function categories(item: { categories?: unknown[] }): Record<string, string> {
  const list = (item.categories ?? []) as Array<{ $: { domain: string }; _: string }>;
  return Object.fromEntries(list.map((c) => [c.$.domain, c._]));
}

describe('RSS 2.0 read by a standard feed parser (rss-parser)', () => {
  it('gives readers the items, their enclosures, guids, categories and dates', async () => {
    const parsed = await new Parser().parseString(renderRss(feed));
    expect(parsed.title).toBe('Đài Truyền thanh xã Mỹ Hương — kịch bản phát thanh');
    expect(parsed.items).toHaveLength(3);
    const [relayed, withdrawn] = parsed.items;
    expect(relayed.title).toBe(`[Tiếp âm] ${base.title}`);
    expect(relayed.enclosure).toEqual({ url: base.audio!.url, length: '25548', type: 'audio/mpeg' });
    expect(relayed.guid).toBe(`loa-radio-${base.scriptId}-dtt-xa-mytu-myhuong`);
    expect(relayed.isoDate).toBe('2026-04-30T23:00:05.000Z');
    expect(categories(relayed)).toEqual({
      'urn:loa:radio:priority': 'normal',
      'urn:loa:radio:status': 'active',
      'urn:loa:radio:relayed-from': 'dtt-mytu',
    });
    expect(relayed.content).toContain('vandongxahoi chấm mattran chấm org chấm vn');
    expect(withdrawn.title).toBe('[Đã thu hồi] Bão số 5');
    expect(withdrawn.enclosure).toBeUndefined();
    expect(categories(withdrawn)).toEqual({
      'urn:loa:radio:priority': 'emergency',
      'urn:loa:radio:status': 'withdrawn',
    });
  });
});

describe('JSON feed, escaping and entity tags', () => {
  it('keeps the scripts array and is deterministic', () => {
    const json = JSON.parse(renderFeedJson(feed)) as { scripts: FeedScript[]; updatedAt: string };
    expect(json.scripts.map((s) => s.status)).toEqual(['active', 'withdrawn', 'paused']);
    expect(json.updatedAt).toBe('2026-05-02T03:00:00.000Z');
    expect(renderFeedJson(feed)).toBe(renderFeedJson(feed));
  });

  it('escapes XML and drops forbidden characters', () => {
    expect(escapeXml('a & b < c > "d" \'e\'\u0001')).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
  });

  it('compares entity tags as If-None-Match does', () => {
    const tag = etagOf('body');
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`W/${tag}, "other"`, tag)).toBe(true);
    expect(etagMatches('"other"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
    expect(etagMatches('*', tag)).toBe(true);
  });

  it('names the area a station serves', () => {
    expect(areaName('Đài Truyền thanh huyện Mỹ Tú')).toBe('huyện Mỹ Tú');
    expect(areaName('Trạm Truyền thanh xã Mỹ Hương')).toBe('xã Mỹ Hương');
  });
});
