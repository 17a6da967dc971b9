import { AdminUnitMap, currentUnitsOf, unitRef, vietnamDay } from '@loa/admin-units';
import { Inject, Injectable } from '@nestjs/common';
import { isAbsolute, join, relative } from 'node:path';
import { type CampaignMode, isRehearsal } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { StationEntity } from '@loa/db';
import { audioExtension } from './audio/audio-files';
import { FeedAudioRow, RadioAudioRepository } from './audio/radio-audio.repository';
import { AudioStatus, FeedAudio, FeedScript, StationFeed } from './feeds/render-feeds';
import { localDate } from './feeds/xml';
import { RadioBroadcastsRepository } from './radio-broadcasts.repository';
import { RADIO_CONFIG, RadioConfig } from './radio-config';
import { radioPlan, slotsFor, stationSlots } from './radio-plan';
import { scriptFor, senderNameOf } from './script-source';
import { StationFeedRepository } from './station-feed.repository';
import { isUuid } from '@loa/common';

/** @deprecated name kept for callers of GET /stations/:code/scripts: a feed entry. */
export type StationScript = FeedScript;

export class UnknownScriptError extends Error {}
/** The script's campaign was cancelled before the reported airing. */
export class WithdrawnScriptError extends Error {}
/** A broadcast report that cannot be right (aired in the future, bad slot or date). */
export class InvalidBroadcastError extends Error {}
/** A slot the station confirmed aired cannot be reported not aired. */
export class SlotAlreadyAiredError extends Error {}

export interface BroadcastReportInput {
  scriptId: string;
  /** "HH:MM", local to the station. */
  slot: string;
  airedAt: Date;
  /** The slot's local date (YYYY-MM-DD); when missing, the date whose slot is nearest to airedAt. */
  date?: string | null;
  durationSeconds: number | null;
  note: string | null;
}

export interface BroadcastRecorded {
  scriptId: string;
  slot: string;
  date: string;
  created: boolean;
}

const SLOT = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Reports this far in the future are refused (clock skew allowance). */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * What a station pulls (its scripts and those it relays from its parent, with audio) and what it reports
 * (what aired). Postgres is the truth: feeds are derived from rows on every pull.
 */
@Injectable()
export class StationFeedService {
  constructor(
    private readonly feeds: StationFeedRepository,
    private readonly audioRows: RadioAudioRepository,
    private readonly broadcasts: RadioBroadcastsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RADIO_CONFIG) private readonly radio: RadioConfig,
    private readonly units: AdminUnitMap,
  ) {}

  stationByCode(code: string): Promise<StationEntity | null> {
    return this.feeds.stationByCode(code);
  }

  /** The station's feed; pulling it marks its rows of running campaigns pulled (queued → pulled). */
  async feed(station: StationEntity): Promise<StationFeed> {
    const [rows, chain] = await Promise.all([
      this.feeds.scripts(station.code, this.radio.withdrawnRetentionDays),
      this.feeds.chain(station.id),
    ]);
    const running = rows.filter((r) => r.status === 'running').map((r) => r.campaignId);
    if (running.length) {
      await this.feeds.markPulled(station.code, running);
    }
    const self = chain[0];
    const parent = chain[1] ?? null;
    const resolved = rows.map((r) => {
      const plan = radioPlan(r.content, r);
      // The programme is the nearest named station's: itself, or the ancestor it relays.
      const origin = chain.find((s) => plan.stationCodes.includes(s.code)) ?? self;
      return { r, plan, origin };
    });
    const audio = await this.audioOf(resolved.map((x) => [x.r.campaignId, x.origin.id]));
    const base = `${this.config.http.publicBaseUrl}/stations/${encodeURIComponent(station.code)}`;
    const scripts = resolved.map(({ r, plan, origin }): FeedScript => {
      const relayed = origin.id !== self.id;
      const script = scriptFor({ title: r.title, directiveFields: r.fields }, plan, {
        name: origin.name,
        region: origin.region,
        broadcastSlots: origin.broadcastSlots,
      });
      const a = audio.get(`${r.campaignId}|${origin.id}`);
      const withdrawn = r.status === 'cancelled';
      const fileAudio: FeedAudio | null =
        a && a.status === 'ready' && !withdrawn
          ? {
              // The version in the query: a new recording or revision is a new address for caches.
              url: `${base}/audio/${r.campaignId}.${audioExtension(a.mimeType)}?v=${(a.sha1 ?? '').slice(0, 12)}`,
              mimeType: a.mimeType ?? 'application/octet-stream',
              bytes: a.bytes ?? 0,
              durationSeconds: a.durationSeconds ?? 0,
              sha1: a.sha1 ?? '',
              voice: a.voice ?? '',
              source: a.source,
            }
          : null;
      const publishedAt = new Date(r.launchedAt ?? r.startsAt).toISOString();
      const history = [
        { revision: 1, sentAt: publishedAt },
        ...(r.revisions ?? []).map((x) => ({ revision: x.revision, sentAt: new Date(x.at).toISOString() })),
      ];
      const latest = history[history.length - 1];
      return {
        scriptId: r.campaignId,
        campaignId: r.campaignId,
        title: r.title,
        text: script.text,
        words: script.words,
        estimatedSeconds: script.estimatedSeconds,
        airtimeSeconds: script.airtimeSeconds,
        warnings: script.warnings,
        priority: plan.priority,
        slots: slotsFor(plan, { broadcastSlots: self.broadcastSlots }),
        startDate: plan.startDate ?? localDate(r.startsAt, self.timeZone),
        endDate: plan.endDate ?? localDate(r.endsAt, self.timeZone),
        repeat: plan.repeat,
        startsAt: new Date(r.startsAt).toISOString(),
        endsAt: new Date(r.endsAt).toISOString(),
        relayed,
        relayedFrom: relayed && parent ? parent.code : null,
        relayedFromName: relayed && parent ? parent.name : null,
        originStation: origin.code,
        status: withdrawn ? 'withdrawn' : r.status === 'paused' ? 'paused' : 'active',
        publishedAt,
        revision: latest.revision,
        revisedAt: latest.revision > 1 ? latest.sentAt : null,
        revisions: history,
        withdrawnAt: withdrawn && r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
        documentCode: r.documentCode,
        mode: r.mode as CampaignMode,
        doNotAir: isRehearsal(r.mode),
        senderName: senderNameOf(r.fields, r.orgName),
        audio: fileAudio,
        audioStatus: withdrawn ? 'unavailable' : ((a?.status ?? 'pending') as AudioStatus),
      };
    });
    const host = new URL(this.config.http.publicBaseUrl).hostname;
    return {
      station: {
        code: station.code,
        name: station.name,
        level: station.level,
        parent: parent?.code ?? null,
        adminUnitCode: station.adminUnitCode,
        units: station.adminUnitCode
          ? currentUnitsOf(this.units, station.adminUnitCode, vietnamDay()).map(unitRef)
          : [],
        region: station.region,
        timeZone: station.timeZone,
        slots: stationSlots(station.broadcastSlots),
      },
      sender: `${rows[0]?.orgCode ?? 'loa'}@${host}`,
      feedBaseUrl: base,
      scripts,
    };
  }

  /** Scripts of the feed (kept for GET /stations/:code/scripts). */
  async scripts(station: StationEntity): Promise<FeedScript[]> {
    return (await this.feed(station)).scripts;
  }

  /** Audio rows of (campaign, origin station) pairs, keyed `campaign|station`. */
  private async audioOf(pairs: Array<[string, string]>): Promise<Map<string, FeedAudioRow>> {
    const map = new Map<string, FeedAudioRow>();
    for (const r of await this.audioRows.forFeed(pairs)) map.set(`${r.campaignId}|${r.stationId}`, r);
    return map;
  }

  /** The audio file of a script in this station's feed (its own, or the one it relays); null when there is none. */
  async audioFile(
    station: StationEntity,
    scriptId: string,
  ): Promise<{ path: string; mimeType: string; bytes: number; extension: string; sha1: string } | null> {
    if (!isUuid(scriptId)) return null;
    const feed = await this.feedEntryOrigin(station, scriptId);
    if (!feed) return null;
    const a = await this.audioRows.readyFile(scriptId, feed.originId);
    if (!a?.fileName || !a.mimeType) return null;
    const path = join(this.radio.audioDir, a.fileName);
    const rel = relative(this.radio.audioDir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    return {
      path,
      mimeType: a.mimeType,
      bytes: a.bytes ?? 0,
      extension: audioExtension(a.mimeType),
      sha1: a.sha1 ?? '',
    };
  }

  private async feedEntryOrigin(station: StationEntity, scriptId: string): Promise<{ originId: string } | null> {
    const row = await this.feeds.feedEntry(station.code, scriptId);
    if (!row) return null;
    const plan = radioPlan(row.content);
    const chain = await this.feeds.chain(station.id);
    const origin = chain.find((s) => plan.stationCodes.includes(s.code)) ?? chain[0];
    return { originId: origin.id };
  }

  /**
   * Records that a script aired in a slot on a date; idempotent per (script, station, date, slot). Refused for
   * scripts not in this station's feed (its own or relayed), for airings after a cancellation, and for reports
   * from the future.
   */
  async recordBroadcast(station: StationEntity, input: BroadcastReportInput): Promise<BroadcastRecorded> {
    const scriptId = input.scriptId;
    if (!isUuid(scriptId)) {
      throw new UnknownScriptError(`Script ${scriptId} is not in the feed of station ${station.code}`);
    }
    if (!SLOT.test(input.slot)) throw new InvalidBroadcastError('slot must be an HH:MM time');
    if (Number.isNaN(input.airedAt.getTime())) throw new InvalidBroadcastError('airedAt must be a date-time');
    if (input.airedAt.getTime() > Date.now() + FUTURE_SKEW_MS) {
      throw new InvalidBroadcastError('airedAt is in the future');
    }
    if (input.date && !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) {
      throw new InvalidBroadcastError('date must be YYYY-MM-DD');
    }
    return this.feeds.transaction(async (m) => {
      const row = await this.feeds.broadcastTarget(m, station.code, scriptId);
      if (!row) throw new UnknownScriptError(`Script ${scriptId} is not in the feed of station ${station.code}`);
      if (row.campaignStatus === 'cancelled' && row.finishedAt && input.airedAt > new Date(row.finishedAt)) {
        throw new WithdrawnScriptError(`Script ${scriptId} was withdrawn before ${input.airedAt.toISOString()}`);
      }
      // The slot's date: as given, else the local date (the day before or after, around midnight) whose slot
      // time is nearest to the airing.
      const date = await this.broadcasts.airDate(m, input.airedAt, input.slot, station.timeZone, input.date ?? null);
      const created = await this.broadcasts.recordConfirmation(m, {
        campaignId: scriptId,
        stationId: station.id,
        airDate: date,
        slot: input.slot,
        airedAt: input.airedAt,
        durationSeconds: input.durationSeconds,
        note: input.note?.normalize('NFC') ?? null,
      });
      await this.feeds.markConfirmed(m, row.deliveryId);
      return { scriptId, slot: input.slot, date, created };
    });
  }

  /**
   * The station says it could not air one slot of a script, and why: the slot is marked missed by the station (a
   * second report replaces the reason). Refused for a script not in its feed, a withdrawn one, a slot already
   * confirmed aired, and a date more than a day ahead.
   */
  async reportNotAired(
    station: StationEntity,
    scriptId: string,
    input: { slot: string; date: string; reason: string },
    now = new Date(),
  ): Promise<{ scriptId: string; slot: string; date: string }> {
    if (!isUuid(scriptId))
      throw new UnknownScriptError(`Script ${scriptId} is not in the feed of station ${station.code}`);
    if (!SLOT.test(input.slot)) throw new InvalidBroadcastError('slot must be an HH:MM time');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new InvalidBroadcastError('date must be YYYY-MM-DD');
    const tomorrow = localDate(new Date(now.getTime() + 24 * 3600_000), station.timeZone);
    if (input.date > tomorrow) throw new InvalidBroadcastError('date is more than a day ahead');
    const reason = input.reason.normalize('NFC').trim();
    if (!reason) throw new InvalidBroadcastError('reason: say why the slot could not be aired');
    return this.feeds.transaction(async (m) => {
      const row = await this.feeds.broadcastTarget(m, station.code, scriptId);
      if (!row) throw new UnknownScriptError(`Script ${scriptId} is not in the feed of station ${station.code}`);
      if (row.campaignStatus === 'cancelled') throw new WithdrawnScriptError(`Script ${scriptId} was withdrawn`);
      const marked = await this.broadcasts.recordNotAired(m, {
        campaignId: scriptId,
        stationId: station.id,
        airDate: input.date,
        slot: input.slot,
        timeZone: station.timeZone,
        note: reason,
      });
      if (!marked)
        throw new SlotAlreadyAiredError(
          `Khung ${input.slot} ngày ${input.date} đã được xác nhận đã phát / that slot was already confirmed aired`,
        );
      return { scriptId, slot: input.slot, date: input.date };
    });
  }

  /** The station's own log of slots, aired or not, from a local date on (a week back when not given). */
  async log(station: StationEntity, since: string | null, now = new Date()) {
    if (since !== null && !/^\d{4}-\d{2}-\d{2}$/.test(since))
      throw new InvalidBroadcastError('since must be YYYY-MM-DD');
    return this.broadcasts.stationLog(
      station.id,
      since ?? localDate(new Date(now.getTime() - 7 * 24 * 3600_000), station.timeZone),
    );
  }

  /** The original confirmation route: the same report, by path. */
  async confirm(
    station: StationEntity,
    scriptId: string,
    input: { slot: string; airedAt: Date; durationSeconds: number | null; note: string | null; date?: string | null },
  ): Promise<{ created: boolean; date: string }> {
    const r = await this.recordBroadcast(station, { scriptId, ...input });
    return { created: r.created, date: r.date };
  }
}
