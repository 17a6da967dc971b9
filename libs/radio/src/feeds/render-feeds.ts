import { type CampaignMode, capStatusOf, doNotAirNotice, markRehearsal } from '@loa/common';
import { CAP_BY_PRIORITY, StationSlot } from '../radio-plan';
import type { RadioPriority } from '../script/write-script';
import { capDateTime, el, escapeXml } from './xml';

export type ScriptStatus = 'active' | 'paused' | 'withdrawn';
export type AudioStatus = 'ready' | 'pending' | 'unavailable' | 'failed';

export interface FeedAudio {
  url: string;
  mimeType: string;
  bytes: number;
  durationSeconds: number;
  sha1: string;
  /** The espeak-ng voice of synthesised audio; empty for a recording. */
  voice: string;
  /** 'tts' when espeak-ng read the script, 'upload' when an operator uploaded a recording. */
  source: 'tts' | 'upload';
}

/** One published version of a script: 1 as launched, then one per amendment. */
export interface ScriptRevision {
  revision: number;
  sentAt: string;
}

/** One script in a station's feed (the JSON feed's `scripts` entries). */
export interface FeedScript {
  /** The campaign id: a station has at most one script per campaign. */
  scriptId: string;
  campaignId: string;
  title: string;
  text: string;
  words: number;
  estimatedSeconds: number;
  airtimeSeconds: number;
  warnings: string[];
  priority: RadioPriority;
  slots: string[];
  startDate: string;
  endDate: string;
  repeat: number;
  startsAt: string;
  endsAt: string;
  /** True when the station relays (tiếp âm) its parent rather than being named itself. */
  relayed: boolean;
  relayedFrom: string | null;
  relayedFromName: string | null;
  /** The named station whose programme this is (the station itself unless relayed). */
  originStation: string;
  status: ScriptStatus;
  publishedAt: string;
  /** The current version of the script (1 as launched) and when it was amended, if it was. */
  revision: number;
  revisedAt: string | null;
  /** Every published version, oldest first (CAP references earlier messages by them). */
  revisions: ScriptRevision[];
  withdrawnAt: string | null;
  documentCode: string | null;
  /** actual, exercise or test (CAP status); an exercise or test is never to be aired. */
  mode: CampaignMode;
  /** True for an exercise or test: the station pulls and confirms it, but does not broadcast it. */
  doNotAir: boolean;
  senderName: string;
  audio: FeedAudio | null;
  audioStatus: AudioStatus;
}

export interface FeedStation {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  adminUnitCode: string | null;
  /**
   * The units in force it serves, read on today's map (config/admin-units): its own unit, or what its former
   * district or commune became. Absent or empty: only `adminUnitCode` is known.
   */
  units?: Array<{ code: string; name: string }>;
  region: string | null;
  timeZone: string;
  slots: StationSlot[];
}

export interface StationFeed {
  station: FeedStation;
  /** CAP sender: "<organisation>@<host>". */
  sender: string;
  /** Public URL of the station's feeds: "<base>/stations/<code>". */
  feedBaseUrl: string;
  scripts: FeedScript[];
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** When the script last changed for a station: withdrawn, amended, or published. */
function changedAt(s: FeedScript): string {
  return s.withdrawnAt ?? s.revisedAt ?? s.publishedAt;
}

function lastChange(feed: StationFeed): string {
  return feed.scripts.map(changedAt).reduce((a, b) => (a > b ? a : b), EPOCH);
}

/** The JSON feed; `scripts` keeps the fields of the original GET /stations/:code/scripts. */
export function renderFeedJson(feed: StationFeed): string {
  return JSON.stringify({ station: feed.station, updatedAt: lastChange(feed), scripts: feed.scripts });
}

function dmy(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}

/** What the station should do, for people: slots, dates, readings, relay. */
export function scheduleSentence(s: FeedScript): string {
  const days =
    s.startDate === s.endDate ? `ngày ${dmy(s.startDate)}` : `từ ngày ${dmy(s.startDate)} đến ngày ${dmy(s.endDate)}`;
  const relay = s.relayed && s.relayedFrom ? ` Tiếp âm ${s.relayedFromName ?? s.relayedFrom}.` : '';
  return `Phát vào các khung giờ ${s.slots.join(', ')} ${days}, mỗi khung ${s.repeat} lượt.${relay}`;
}

function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** An RSS item's title: withdrawn, or amended and relayed, marked in front of the campaign title (a rehearsal first). */
function rssTitle(s: FeedScript): string {
  if (s.status === 'withdrawn') return markRehearsal(s.mode, `[Đã thu hồi] ${s.title}`);
  const marks = [s.revision > 1 ? `[Cập nhật lần ${s.revision - 1}]` : '', s.relayed ? '[Tiếp âm]' : ''];
  return markRehearsal(s.mode, [...marks.filter(Boolean), s.title].join(' '));
}

/** A rehearsal's description starts with the notice not to air it. */
function withNotice(s: FeedScript, text: string): string {
  const notice = doNotAirNotice(s.mode);
  return notice ? `${notice}\n\n${text}` : text;
}

/** RSS 2.0: one item per script, audio as the enclosure, relay and withdrawal as categories. */
export function renderRss(feed: StationFeed): string {
  const st = feed.station;
  const items = feed.scripts.map((s) => {
    const withdrawn = s.status === 'withdrawn';
    const description = withNotice(
      s,
      withdrawn ? `Nội dung này đã được thu hồi, đề nghị không phát. ${s.text}` : `${scheduleSentence(s)}\n\n${s.text}`,
    );
    return [
      '<item>',
      el('title', rssTitle(s)),
      el('link', `${feed.feedBaseUrl}/feed.json#${s.scriptId}`),
      el('description', description),
      // A new guid per revision, so readers that keep seen items show the amended script as new.
      el('guid', `loa-radio-${s.scriptId}-${st.code}${s.revision > 1 ? `-r${s.revision}` : ''}`, {
        isPermaLink: 'false',
      }),
      el('pubDate', rfc822(changedAt(s))),
      el('category', s.priority, { domain: 'urn:loa:radio:priority' }),
      el('category', s.status, { domain: 'urn:loa:radio:status' }),
      s.relayedFrom ? el('category', s.relayedFrom, { domain: 'urn:loa:radio:relayed-from' }) : '',
      s.audio && !withdrawn
        ? `<enclosure url="${escapeXml(s.audio.url)}" length="${s.audio.bytes}" type="${escapeXml(s.audio.mimeType)}"/>`
        : '',
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rss version="2.0"><channel>',
    el('title', `${st.name} — kịch bản phát thanh`),
    el('link', `${feed.feedBaseUrl}/feed.rss`),
    el('description', `Kịch bản tuyên truyền ${st.name} cần phát, kể cả nội dung tiếp âm (Loa).`),
    el('language', 'vi-vn'),
    feed.scripts.length ? el('lastBuildDate', rfc822(lastChange(feed))) : '',
    el('generator', 'Loa'),
    ...items,
    '</channel></rss>\n',
  ].join('');
}

const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

/** The CAP identifier of one version of a script at a station (the first keeps the plain identifier). */
function revisionIdentifier(s: FeedScript, stationCode: string, revision: number): string {
  return `loa-radio-${s.scriptId}-${stationCode}${revision > 1 ? `-r${revision}` : ''}`;
}

/** This message's identifier: the current version's, or a cancel of it. */
function alertIdentifier(s: FeedScript, stationCode: string): string {
  const current = revisionIdentifier(s, stationCode, s.revision);
  return s.status === 'withdrawn' ? `${current}-cancel` : current;
}

/** CAP msgType: Alert as launched, Update after an amendment, Cancel once withdrawn. */
function capMessageType(s: FeedScript): 'Alert' | 'Update' | 'Cancel' {
  if (s.status === 'withdrawn') return 'Cancel';
  return s.revision > 1 ? 'Update' : 'Alert';
}

/** CAP `references`: every earlier message about the script ("sender,identifier,sent", space-separated). */
function capReferences(feed: StationFeed, s: FeedScript): string | null {
  const earlier = s.status === 'withdrawn' ? s.revisions : s.revisions.filter((r) => r.revision < s.revision);
  if (!earlier.length) return null;
  return earlier
    .map(
      (r) =>
        `${feed.sender},${revisionIdentifier(s, feed.station.code, r.revision)},${capDateTime(r.sentAt, feed.station.timeZone)}`,
    )
    .join(' ');
}

/** CAP `note`: a rehearsal's do-not-air notice first, then what a withdrawal or an amendment means. */
function capNote(s: FeedScript, msgType: 'Alert' | 'Update' | 'Cancel'): string {
  const parts = [
    doNotAirNotice(s.mode),
    s.status === 'withdrawn'
      ? 'Chiến dịch đã bị hủy; nội dung được thu hồi.'
      : msgType === 'Update'
        ? `Nội dung đã được sửa đổi (lần ${s.revision - 1}); phát theo bản này.`
        : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? el('note', parts.join(' ')) : '';
}

/**
 * One CAP 1.2 alert for a script in a station's feed: Alert while it runs, Cancel (referencing the Alert) once
 * its campaign is cancelled. Urgency and severity follow the priority; the area is the station's unit.
 */
export function renderCapAlert(feed: StationFeed, s: FeedScript, opts: { xmlDeclaration?: boolean } = {}): string {
  const st = feed.station;
  const tz = st.timeZone;
  const withdrawn = s.status === 'withdrawn';
  const msgType = capMessageType(s);
  const references = capReferences(feed, s);
  const sent = capDateTime(changedAt(s), tz);
  const cap = CAP_BY_PRIORITY[s.priority];
  const headline = markRehearsal(s.mode, s.title);
  const parameters: Array<[string, string]> = [
    ['loa:scriptId', s.scriptId],
    ['loa:priority', s.priority],
    ['loa:slots', s.slots.join(' ')],
    ['loa:startDate', s.startDate],
    ['loa:endDate', s.endDate],
    ['loa:repeat', String(s.repeat)],
    ['loa:estimatedSeconds', String(s.estimatedSeconds)],
    ['loa:status', s.status],
    ['loa:revision', String(s.revision)],
    ...(s.relayedFrom ? ([['loa:relayedFrom', s.relayedFrom]] as Array<[string, string]>) : []),
  ];
  const resource =
    s.audio && !withdrawn
      ? [
          '<resource>',
          el(
            'resourceDesc',
            s.audio.source === 'upload' ? 'Bản ghi âm' : `Bản đọc tự động (espeak-ng, giọng ${s.audio.voice})`,
          ),
          el('mimeType', s.audio.mimeType),
          el('size', s.audio.bytes),
          el('uri', s.audio.url),
          el('digest', s.audio.sha1),
          '</resource>',
        ].join('')
      : '';
  // The area by today's official units (names and codes) where the map knows the station's unit.
  const geocode = (code: string) => `<geocode>${el('valueName', 'VN-DVHC')}${el('value', code)}</geocode>`;
  const units = st.units ?? [];
  const area = [
    '<area>',
    el('areaDesc', units.length ? units.map((u) => u.name).join(', ') : areaName(st.name)),
    ...(units.length ? units.map((u) => geocode(u.code)) : st.adminUnitCode ? [geocode(st.adminUnitCode)] : []),
    '</area>',
  ].join('');
  const info = [
    '<info>',
    el('language', 'vi-VN'),
    el('category', s.priority === 'emergency' ? 'Safety' : 'Other'),
    el('event', s.priority === 'emergency' ? 'Thông báo khẩn' : 'Thông tin tuyên truyền'),
    el('urgency', withdrawn ? 'Past' : cap.urgency),
    el('severity', cap.severity),
    el('certainty', 'Observed'),
    el('audience', `Nhân dân trên địa bàn ${areaName(st.name)}`),
    el('effective', capDateTime(s.startsAt, tz)),
    el('expires', capDateTime(s.endsAt, tz)),
    el('senderName', s.senderName),
    el('headline', headline.length > 160 ? `${headline.slice(0, 159)}…` : headline),
    el(
      'description',
      withNotice(s, withdrawn ? `Nội dung này đã được thu hồi, đề nghị không phát.\n\n${s.text}` : s.text),
    ),
    el('instruction', withdrawn ? 'Ngừng phát nội dung này.' : scheduleSentence(s)),
    ...parameters.map(([k, v]) => `<parameter>${el('valueName', k)}${el('value', v)}</parameter>`),
    resource,
    area,
    '</info>',
  ].join('');
  return [
    opts.xmlDeclaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '',
    `<alert xmlns="${CAP_NS}">`,
    el('identifier', alertIdentifier(s, st.code)),
    el('sender', feed.sender),
    el('sent', sent),
    el('status', capStatusOf(s.mode)),
    el('msgType', msgType),
    el('source', 'Loa'),
    el('scope', 'Public'),
    capNote(s, msgType),
    references ? el('references', references) : '',
    info,
    '</alert>',
  ].join('');
}

/**
 * The CAP feed: an Atom index whose entries carry each alert inline (the usual way to publish several CAP
 * messages at one address). Paused scripts are left out: they are neither live nor withdrawn.
 */
export function renderCapFeed(feed: StationFeed): string {
  const st = feed.station;
  const live = feed.scripts.filter((s) => s.status !== 'paused');
  const entries = live.map((s) => {
    const withdrawn = s.status === 'withdrawn';
    const title = markRehearsal(
      s.mode,
      withdrawn ? `[Đã thu hồi] ${s.title}` : s.revision > 1 ? `[Cập nhật] ${s.title}` : s.title,
    );
    return [
      '<entry>',
      el('id', `urn:loa:cap:${alertIdentifier(s, st.code)}`),
      el('title', title),
      el('updated', new Date(changedAt(s)).toISOString()),
      `<content type="application/cap+xml">${renderCapAlert(feed, s)}</content>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi-VN">',
    el('id', `urn:loa:station:${st.code}:cap`),
    el('title', `${st.name} — cảnh báo CAP 1.2`),
    el('updated', new Date(lastChange({ ...feed, scripts: live })).toISOString()),
    `<author>${el('name', 'Loa')}</author>`,
    `<link rel="self" href="${escapeXml(`${feed.feedBaseUrl}/feed.cap`)}"/>`,
    ...entries,
    '</feed>\n',
  ].join('');
}

/** "Đài Truyền thanh xã Mỹ Hương" → "xã Mỹ Hương" (the area a station serves). */
export function areaName(stationName: string): string {
  return (
    stationName.replace(/^(Đài|Trạm)\s+(Truyền thanh|Phát thanh)(\s*-\s*Truyền hình)?\s+/iu, '').trim() || stationName
  );
}
