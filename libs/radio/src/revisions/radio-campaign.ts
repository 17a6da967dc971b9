import { EDITABLE_STATUSES, isUuid } from '@loa/common';
import type { Queryable } from '@loa/db';
import type { RadioAudioRepository } from '../audio/radio-audio.repository';
import { RadioConflictError, RadioNotFoundError } from '../radio-errors';
import type { RadioCampaignsRepository } from './radio-campaigns.repository';

/** Campaign states in which the radio plan is edited with the campaign itself (PATCH /api/campaigns/:id). */
export const BEFORE_LAUNCH = EDITABLE_STATUSES;
/** Campaign states in which a change to what airs is a revision (a CAP Update in station feeds). */
export const ON_AIR = ['running', 'paused'] as const;
/** Roles that sign off what airs: approve an amendment, upload or take back a recording on air. */
export const APPROVER_ROLES: readonly string[] = ['approver', 'admin'];

/** Only a running or paused campaign is amended; before launch the plan is edited with the campaign. */
export function assertOnAir(campaign: LoadedRadioCampaign): void {
  if ((ON_AIR as readonly string[]).includes(campaign.status)) return;
  const hint = (BEFORE_LAUNCH as readonly string[]).includes(campaign.status)
    ? 'sửa trước khi phát động bằng PATCH /api/campaigns/:id / edit it with PATCH /api/campaigns/:id before launch'
    : 'chiến dịch đã kết thúc / the campaign has ended';
  throw new RadioConflictError(`Cannot amend the radio plan of a campaign that is ${campaign.status}: ${hint}`);
}

export interface LoadedRadioCampaign {
  id: string;
  status: string;
  emergency: boolean;
  /** The radio plan as stored now. */
  content: Record<string, unknown>;
  /** The plan's current revision: 1 as launched, then 2, 3 … per amendment. */
  revision: number;
}

/**
 * Reads an organisation's campaign with its radio plan (404 otherwise, 409 without a radio plan). With `lock` (the
 * default) the campaign row stays locked until the transaction of `q` ends, so amendments, uploads and status
 * changes of one campaign happen one after another; `q` null reads outside a transaction.
 */
export async function loadRadioCampaign(
  campaigns: RadioCampaignsRepository,
  q: Queryable | null,
  organizationId: string,
  campaignId: string,
  opts: { lock: boolean } = { lock: true },
): Promise<LoadedRadioCampaign> {
  if (!isUuid(campaignId)) throw new RadioNotFoundError(`campaign ${campaignId} not found`);
  const row = await campaigns.find(organizationId, campaignId, { q: q ?? undefined, lock: opts.lock });
  if (!row) throw new RadioNotFoundError(`campaign ${campaignId} not found`);
  if (!row.content) {
    throw new RadioConflictError(`Chiến dịch không có kênh phát thanh / campaign ${campaignId} has no radio plan`);
  }
  return {
    id: campaignId,
    status: row.status,
    emergency: row.emergency ?? false,
    content: row.content,
    revision: await campaigns.currentRevision(campaignId, q ?? undefined),
  };
}

export interface RevisionInput {
  content: Record<string, unknown>;
  previousContent: Record<string, unknown>;
  /** Plan fields changed, or 'recording' for a new recording. */
  changed: string[];
  reason: string;
  createdBy: string | null;
  /** The second person who approved an amendment; null for a recording. */
  approvedBy?: string | null;
}

/** Stores the next revision of a locked campaign's radio plan and makes its content current. Returns its number. */
export async function writeRevision(
  campaigns: RadioCampaignsRepository,
  q: Queryable,
  campaign: LoadedRadioCampaign,
  input: RevisionInput,
): Promise<number> {
  const revision = campaign.revision + 1;
  await campaigns.writeRevision(q, campaign.id, {
    revision,
    content: input.content,
    previousContent: input.previousContent,
    changed: input.changed,
    reason: input.reason.normalize('NFC'),
    createdBy: input.createdBy,
    approvedBy: input.approvedBy ?? null,
  });
  return revision;
}

const RECORDING_WITHDRAWN =
  'Bản ghi âm không còn khớp nội dung đã sửa nên đã được gỡ; tải bản ghi mới hoặc dùng bản đọc tự động / ' +
  'the recording no longer matches the amended script and was withdrawn';
const TTS_DISABLED = 'Chức năng đọc tự động đang tắt (RADIO_TTS_ENABLED=false)';

/**
 * Marks audio (synthesised or recorded) as no longer airing: rows go back to pending at the new revision for
 * text-to-speech (or unavailable when it is off). By default every row of the campaign, saying a recording was
 * withdrawn because the words changed; `only` narrows it to some stations' recordings, `note` replaces the
 * message. Returns the rows to render.
 */
export function resetAudio(
  audio: RadioAudioRepository,
  q: Queryable,
  campaignId: string,
  revision: number,
  ttsEnabled: boolean,
  opts: { onlyRecordingsOf?: string[]; note?: string | null } = {},
): Promise<Array<{ stationId: string; wasRecording: boolean }>> {
  return audio.reset(q, campaignId, revision, {
    status: ttsEnabled ? 'pending' : 'unavailable',
    recordingNote: opts.note === undefined ? RECORDING_WITHDRAWN : opts.note,
    unavailableNote: TTS_DISABLED,
    onlyRecordingsOf: opts.onlyRecordingsOf ?? null,
  });
}
