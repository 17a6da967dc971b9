import { fold } from './fold';
import { nameKey, sameName } from './names';
import type { Bilingual, ChannelPlanProposal, PlanChannel, PlanEntry, PlanScope } from './types';

/** The caller organisation's directory, as plain data (the service loads it). */
export interface Directory {
  /** The organisation's province ("Sóc Trăng"): dropped from names before comparing them. */
  readonly province: string | null;
  readonly agencies: ReadonlyArray<{ code: string; name: string; groupCode: string }>;
  readonly portals: ReadonlyArray<{ code: string; name: string; url: string }>;
  readonly stations: ReadonlyArray<{
    code: string;
    name: string;
    level: 'province' | 'district' | 'commune';
    parentCode: string | null;
  }>;
  readonly carriers: ReadonlyArray<{ code: string; name: string }>;
}

export type DirectoryKind = 'agency' | 'portal' | 'station' | 'carrier';

export interface DirectoryTarget {
  readonly kind: DirectoryKind;
  readonly code: string;
  readonly name: string;
  /** A station that airs the script by relaying (tiếp âm) this station, itself a target. */
  readonly relaysFrom?: string;
}

export interface MatchedEntry {
  readonly channel: PlanChannel;
  readonly addressee: string;
  readonly group: string | null;
  readonly scope: PlanScope;
  /** "group": every entry of the group (agency group code, station level, all portals or carriers); "name". */
  readonly by: 'group' | 'name';
  readonly targets: readonly DirectoryTarget[];
}

export interface UnmatchedEntry {
  readonly channel: PlanChannel;
  readonly addressee: string;
  readonly group: string | null;
  readonly reason: Bilingual;
}

export interface DirectoryMatch {
  readonly matches: readonly MatchedEntry[];
  /** Plan entries (groups) that match nothing in the directory. */
  readonly unmatched: readonly UnmatchedEntry[];
}

/** Which station levels a radio group stands for. */
const STATION_LEVELS: Readonly<Record<string, ReadonlyArray<'province' | 'district' | 'commune'>>> = {
  'dai-truyen-thanh-huyen': ['district'],
  'dai-truyen-thanh-xa': ['commune'],
  'dai-truyen-thanh': ['province', 'district', 'commune'],
};

const KIND_OF: Record<PlanChannel, DirectoryKind> = {
  sms: 'carrier',
  email: 'agency',
  banner: 'portal',
  radio: 'station',
};

const WHAT: Record<DirectoryKind, Bilingual> = {
  agency: { vi: 'cơ quan', en: 'agency' },
  portal: { vi: 'cổng/trang thông tin điện tử', en: 'portal' },
  station: { vi: 'đài truyền thanh', en: 'radio station' },
  carrier: { vi: 'doanh nghiệp viễn thông', en: 'carrier' },
};

function byGroup(entry: PlanEntry, directory: Directory): DirectoryTarget[] {
  switch (entry.channel) {
    case 'email':
      return directory.agencies
        .filter((a) => a.groupCode === entry.group)
        .map((a) => ({ kind: 'agency', code: a.code, name: a.name }));
    case 'banner':
      return directory.portals.map((p) => ({ kind: 'portal', code: p.code, name: p.name }));
    case 'radio': {
      const levels = STATION_LEVELS[entry.group ?? ''] ?? [];
      return directory.stations
        .filter((s) => levels.includes(s.level))
        .map((s) => ({ kind: 'station', code: s.code, name: s.name }));
    }
    case 'sms':
      return directory.carriers.map((c) => ({ kind: 'carrier', code: c.code, name: c.name }));
  }
}

function byName(entry: PlanEntry, directory: Directory, provinces: readonly string[]): DirectoryTarget[] {
  const key = nameKey(entry.addressee, provinces);
  const kind = KIND_OF[entry.channel];
  const named = (list: ReadonlyArray<{ code: string; name: string }>) =>
    list.filter((x) => sameName(key, nameKey(x.name, provinces))).map((x) => ({ kind, code: x.code, name: x.name }));
  switch (entry.channel) {
    case 'email':
      return named(directory.agencies);
    case 'banner':
      return named(directory.portals);
    case 'radio':
      return named(directory.stations);
    case 'sms': {
      const words = ` ${fold(entry.addressee).replace(/[^a-z0-9]+/g, ' ')} `;
      return directory.carriers
        .filter((c) => words.includes(` ${c.code.toLowerCase()} `) || words.includes(` ${fold(c.name)} `))
        .map((c) => ({ kind, code: c.code, name: c.name }));
    }
  }
}

function unmatchedReason(entry: PlanEntry): Bilingual {
  const what = WHAT[KIND_OF[entry.channel]];
  if (entry.scope === 'named') {
    return {
      vi: `Danh bạ không có ${what.vi} nào tên “${entry.addressee}”.`,
      en: `The directory has no ${what.en} named “${entry.addressee}”.`,
    };
  }
  return {
    vi: `Danh bạ không có ${what.vi} nào thuộc nhóm “${entry.group ?? '?'}”.`,
    en: `The directory has no ${what.en} in the group “${entry.group ?? '?'}”.`,
  };
}

/**
 * Maps plan entries to the directory (pure): a group to every member (agencies by group code, stations by
 * level, all portals, all carriers), a named body to the entries with the same name. A commune station whose
 * district station is also a target is marked as relaying it.
 */
export function matchDirectory(
  entries: readonly PlanEntry[],
  directory: Directory,
  provinces: readonly string[] = [],
): DirectoryMatch {
  const places = [...new Set([...(directory.province ? [directory.province] : []), ...provinces])]
    .map((p) => nameKey(p))
    .filter(Boolean);
  const matches: MatchedEntry[] = [];
  const unmatched: UnmatchedEntry[] = [];
  for (const entry of entries) {
    const by = entry.scope === 'group' && entry.group ? 'group' : 'name';
    const targets = (by === 'group' ? byGroup(entry, directory) : byName(entry, directory, places)).sort((a, b) =>
      a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
    );
    if (targets.length === 0) {
      unmatched.push({
        channel: entry.channel,
        addressee: entry.addressee,
        group: entry.group,
        reason: unmatchedReason(entry),
      });
      continue;
    }
    matches.push({
      channel: entry.channel,
      addressee: entry.addressee,
      group: entry.group,
      scope: entry.scope,
      by,
      targets,
    });
  }
  const stationCodes = new Set(
    matches.flatMap((m) => m.targets.filter((t) => t.kind === 'station').map((t) => t.code)),
  );
  const parentOf = new Map(directory.stations.map((s) => [s.code, s.parentCode]));
  const relayedBy = (code: string): string | undefined => {
    const seen = new Set<string>();
    for (let p = parentOf.get(code) ?? null; p && !seen.has(p); p = parentOf.get(p) ?? null) {
      seen.add(p);
      if (stationCodes.has(p)) return p;
    }
    return undefined;
  };
  return {
    matches: matches.map((m) =>
      m.channel !== 'radio'
        ? m
        : {
            ...m,
            targets: m.targets.map((t) => {
              const relaysFrom = relayedBy(t.code);
              return relaysFrom ? { ...t, relaysFrom } : t;
            }),
          },
    ),
    unmatched,
  };
}

/** Channel plans in the shape of CreateCampaignDto's `channels` (the SMS subscribers are the editor's to add). */
export interface ProposedChannels {
  /** Carrier orders: each matched carrier sends to its own subscribers in each proposed area unit (by code). */
  sms?: {
    text: string;
    stripDiacritics: boolean;
    carrierOrders: Array<{ carrierCode: string; area: string; areaName: string }>;
  };
  email?: { agencyGroups: string[]; agencyCodes: string[]; message: string };
  banner?: { headline: string; body: string; targetUrl?: string; portalCodes: string[] };
  radio?: { stationCodes: string[]; script: string; slots: string[] };
}

const unique = (xs: readonly string[]) => [...new Set(xs)];

/**
 * The channels to propose: those whose entries matched the directory, with the drafts' texts and the matched
 * codes. Agencies reached through a group are not repeated as codes; stations that relay another target are left
 * to relay (the fan-out adds them); carriers get an order for each of `areas` (unit codes of the proposed area), as
 * the letter gives no subscriber list.
 */
export function proposeChannels(
  proposal: ChannelPlanProposal,
  match: DirectoryMatch,
  options: { fallbackTargetUrl?: string | null; areas?: ReadonlyArray<{ code: string; name: string }> } = {},
): ProposedChannels {
  const of = (c: PlanChannel) => match.matches.filter((m) => m.channel === c);
  const channels: ProposedChannels = {};
  const { drafts } = proposal;
  const areas = options.areas ?? [];
  if (of('sms').length && areas.length) {
    channels.sms = {
      text: drafts.sms.text,
      stripDiacritics: drafts.sms.stripDiacritics,
      carrierOrders: unique(of('sms').flatMap((m) => m.targets.map((t) => t.code)))
        .sort()
        .flatMap((carrierCode) => areas.map((a) => ({ carrierCode, area: a.code, areaName: a.name }))),
    };
  }
  if (of('email').length) {
    const groups = unique(of('email').flatMap((m) => (m.by === 'group' && m.group ? [m.group] : [])));
    const viaGroups = new Set(
      of('email')
        .filter((m) => m.by === 'group')
        .flatMap((m) => m.targets.map((t) => t.code)),
    );
    const codes = unique(
      of('email')
        .filter((m) => m.by === 'name')
        .flatMap((m) => m.targets.map((t) => t.code))
        .filter((c) => !viaGroups.has(c)),
    );
    channels.email = { agencyGroups: groups, agencyCodes: codes, message: drafts.email.message };
  }
  if (of('banner').length) {
    const targetUrl = drafts.banner.targetUrl ?? options.fallbackTargetUrl ?? undefined;
    channels.banner = {
      headline: drafts.banner.headline,
      body: drafts.banner.body,
      ...(targetUrl ? { targetUrl } : {}),
      portalCodes: unique(of('banner').flatMap((m) => m.targets.map((t) => t.code))).sort(),
    };
  }
  if (of('radio').length) {
    const stations = of('radio').flatMap((m) => m.targets);
    channels.radio = {
      stationCodes: unique(stations.filter((t) => !t.relaysFrom).map((t) => t.code)).sort(),
      script: drafts.radio.script,
      slots: [...drafts.radio.slots],
    };
  }
  return channels;
}
