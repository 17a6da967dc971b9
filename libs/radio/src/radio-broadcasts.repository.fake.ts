import type { Queryable } from '@loa/db';
import type {
  BroadcastStation,
  NewConfirmation,
  RadioBroadcastsRepository,
  SlotOutcomeCounts,
} from './radio-broadcasts.repository';
import type { FakeStationFeedRepository } from './station-feed.repository.fake';

/**
 * In-memory RadioBroadcastsRepository for broadcast reports: confirmations once per (campaign, station, date,
 * slot), written in the FakeStationFeedRepository's transaction. The schedule reads (slots due, missed marks) are
 * SQL over plans and stations and are tested against PostgreSQL.
 */
export class FakeRadioBroadcastsRepository implements Pick<RadioBroadcastsRepository, keyof RadioBroadcastsRepository> {
  readonly confirmations: NewConfirmation[] = [];

  constructor(private readonly feeds: FakeStationFeedRepository) {}

  /** The date as given, else the airing's local date in the station's zone (no nearest-slot search). */
  async airDate(q: Queryable, airedAt: Date, _slot: string, timeZone: string, date: string | null): Promise<string> {
    this.feeds.assertInTransaction(q, 'airDate');
    return date ?? airedAt.toLocaleDateString('en-CA', { timeZone });
  }

  async recordConfirmation(q: Queryable, c: NewConfirmation): Promise<boolean> {
    this.feeds.assertInTransaction(q, 'recordConfirmation');
    const same = (x: NewConfirmation) =>
      x.campaignId === c.campaignId && x.stationId === c.stationId && x.airDate === c.airDate && x.slot === c.slot;
    if (this.confirmations.some(same)) return false;
    this.confirmations.push({ ...c });
    return true;
  }

  /** Slots the station said it could not air, with their reasons. */
  readonly notAired: Array<{ campaignId: string; stationId: string; airDate: string; slot: string; note: string }> = [];

  async recordNotAired(
    q: Queryable,
    r: { campaignId: string; stationId: string; airDate: string; slot: string; timeZone: string; note: string },
  ): Promise<boolean> {
    this.feeds.assertInTransaction(q, 'recordNotAired');
    const same = (x: { campaignId: string; stationId: string; airDate: string; slot: string }) =>
      x.campaignId === r.campaignId && x.stationId === r.stationId && x.airDate === r.airDate && x.slot === r.slot;
    if (this.confirmations.some(same)) return false;
    const { timeZone: _tz, ...mark } = r;
    const earlier = this.notAired.findIndex(same);
    if (earlier >= 0) this.notAired[earlier] = mark;
    else this.notAired.push(mark);
    return true;
  }

  stationLog(): Promise<never[]> {
    throw new Error('fake: RadioBroadcastsRepository.stationLog is not faked (tested against PostgreSQL)');
  }

  overdueStations(): Promise<never[]> {
    throw new Error('fake: RadioBroadcastsRepository.overdueStations is not faked (tested against PostgreSQL)');
  }

  markMissed(): Promise<number> {
    throw new Error('fake: RadioBroadcastsRepository.markMissed is not faked (tested against PostgreSQL)');
  }

  radioPlan(): Promise<{ content: unknown; emergency: boolean | null } | null> {
    throw new Error('fake: RadioBroadcastsRepository.radioPlan is not faked');
  }

  stations(): Promise<BroadcastStation[]> {
    throw new Error('fake: RadioBroadcastsRepository.stations is not faked');
  }

  slotCounts(): Promise<SlotOutcomeCounts[]> {
    throw new Error('fake: RadioBroadcastsRepository.slotCounts is not faked');
  }

  reportsPerStation(): Promise<Map<string, number>> {
    throw new Error('fake: RadioBroadcastsRepository.reportsPerStation is not faked');
  }

  latestAudioError(): Promise<string | null> {
    throw new Error('fake: RadioBroadcastsRepository.latestAudioError is not faked');
  }

  currentRevision(): Promise<number> {
    throw new Error('fake: RadioBroadcastsRepository.currentRevision is not faked');
  }
}
