import type { EntityManager } from 'typeorm';
import { EDITABLE_STATUSES, isUuid } from '@loa/common';
import { updateReturning } from '@loa/db';
import { RadioConflictError, RadioNotFoundError } from '../radio-errors';

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
 * Reads an organisation's campaign with its radio plan (404 otherwise). With `lock` (the default) the campaign row
 * stays locked until the transaction ends, so amendments, uploads and status changes of one campaign happen one
 * after another.
 */
export async function loadRadioCampaign(
  m: EntityManager,
  organizationId: string,
  campaignId: string,
  opts: { lock: boolean } = { lock: true },
): Promise<LoadedRadioCampaign> {
  if (!isUuid(campaignId)) throw new RadioNotFoundError(`campaign ${campaignId} not found`);
  const [row]: Array<{ status: string; emergency: boolean | null; content: Record<string, unknown> | null }> =
    await m.query(
      `SELECT c.status, c.emergency, p.content
         FROM campaigns c LEFT JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
        WHERE c.id = $1 AND c.organization_id = $2
        ${opts.lock ? 'FOR UPDATE OF c' : ''}`,
      [campaignId, organizationId],
    );
  if (!row) throw new RadioNotFoundError(`campaign ${campaignId} not found`);
  if (!row.content) {
    throw new RadioConflictError(`Chiến dịch không có kênh phát thanh / campaign ${campaignId} has no radio plan`);
  }
  return {
    id: campaignId,
    status: row.status,
    emergency: row.emergency ?? false,
    content: row.content,
    revision: await currentRevision(m, campaignId),
  };
}

/** The radio plan's current revision (1 until amended). */
export async function currentRevision(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  campaignId: string,
): Promise<number> {
  const [r] = (await db.query(
    `SELECT COALESCE(max(revision), 1)::int AS revision FROM radio_script_revisions WHERE campaign_id = $1`,
    [campaignId],
  )) as Array<{ revision: number }>;
  return r.revision;
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
  m: EntityManager,
  campaign: LoadedRadioCampaign,
  input: RevisionInput,
): Promise<number> {
  const revision = campaign.revision + 1;
  await m.query(
    `INSERT INTO radio_script_revisions
       (campaign_id, revision, content, previous_content, changed, reason, created_by, approved_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      campaign.id,
      revision,
      JSON.stringify(input.content),
      JSON.stringify(input.previousContent),
      input.changed,
      input.reason.normalize('NFC'),
      input.createdBy,
      input.approvedBy ?? null,
    ],
  );
  await m.query(`UPDATE channel_plans SET content = $2 WHERE campaign_id = $1 AND channel = 'radio'`, [
    campaign.id,
    JSON.stringify(input.content),
  ]);
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
export async function resetAudio(
  m: EntityManager,
  campaignId: string,
  revision: number,
  ttsEnabled: boolean,
  opts: { onlyRecordingsOf?: string[]; note?: string | null } = {},
): Promise<Array<{ stationId: string; wasRecording: boolean }>> {
  const only = opts.onlyRecordingsOf ?? null;
  const rows = await updateReturning<{ station_id: string; was_recording: boolean }>(
    m,
    `UPDATE radio_audio a SET status = $3, script_revision = $2, source = 'tts', attempts = 0, updated_at = now(),
            error = CASE WHEN $3 = 'unavailable' THEN $5 WHEN a.source = 'upload' THEN $4 ELSE NULL END,
            uploaded_by = NULL, original_name = NULL, voice = NULL, mime_type = NULL, file_name = NULL,
            bytes = NULL, duration_seconds = NULL, sha1 = NULL, text_sha256 = NULL
       FROM (SELECT station_id, source FROM radio_audio WHERE campaign_id = $1 FOR UPDATE) old
      WHERE a.campaign_id = $1 AND a.station_id = old.station_id
        AND ($6::uuid[] IS NULL OR (a.station_id = ANY($6::uuid[]) AND old.source = 'upload'))
      RETURNING a.station_id, old.source = 'upload' AS was_recording`,
    [
      campaignId,
      revision,
      ttsEnabled ? 'pending' : 'unavailable',
      opts.note === undefined ? RECORDING_WITHDRAWN : opts.note,
      TTS_DISABLED,
      only,
    ],
  );
  return rows.map((r) => ({ stationId: r.station_id, wasRecording: r.was_recording }));
}
