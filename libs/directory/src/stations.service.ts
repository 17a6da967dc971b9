import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { StationLevel } from '@loa/db';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors';
import { campaignsUsing, changed, inUseError, revokePartnerKeys } from './directory.service';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError, FieldProblem } from './errors';
import { checkStationImport, parseStationCsv } from './station-csv';
import {
  StationDraft,
  StationFields,
  StationRegionValue,
  StationSlotValue,
  TreeNode,
  checkStationTree,
  validateStation,
} from './validation';
import { isUuid } from '@loa/common';

type AdminActor = Actor & { type: 'user' };

export interface StationView extends StationFields {
  id: string;
}

export interface StationImportResult {
  created: number;
  updated: number;
  unchanged: number;
  stations: Array<{ line: number; code: string; outcome: 'created' | 'updated' | 'unchanged' }>;
}

interface StationRow {
  id: string;
  code: string;
  name: string;
  level: StationLevel;
  parent_code: string | null;
  admin_unit_code: string | null;
  region: StationRegionValue | null;
  broadcast_slots: StationSlotValue[];
  time_zone: string;
}

const STATION_SELECT = `SELECT s.id, s.code, s.name, s.level, p.code AS parent_code, s.admin_unit_code, s.region,
    s.broadcast_slots, s.time_zone
  FROM stations s LEFT JOIN stations p ON p.id = s.parent_id`;

function fields(r: StationRow): StationFields {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    adminUnitCode: r.admin_unit_code,
    region: r.region,
    broadcastSlots: (r.broadcast_slots ?? []).map((s) => ({ start: s.start, minutes: Number(s.minutes) })),
    timeZone: r.time_zone,
  };
}

const view = (r: StationRow): StationView => ({ id: r.id, ...fields(r) });

function invalid(problems: FieldProblem[], what = 'Đài không hợp lệ / Invalid station'): DirectoryValidationError {
  return new DirectoryValidationError(`${what}: ${problems.map((p) => p.message).join('; ')}`, problems);
}

/**
 * Loudspeaker / radio stations of one organisation: CRUD and CSV import, audited. The relay tree stays valid:
 * a parent is a station of the same organisation at a strictly higher level (province → district → commune),
 * never the station itself or its descendant. Edits of one organisation's tree are serialised by an advisory lock.
 */
@Injectable()
export class StationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string): Promise<StationView[]> {
    const rows: StationRow[] = await this.dataSource.query(
      `${STATION_SELECT} WHERE s.organization_id = $1 ORDER BY s.level <> 'province', s.level <> 'district', s.code`,
      [organizationId],
    );
    return rows.map(view);
  }

  async create(actor: AdminActor, draft: StationDraft, requestId: string | null): Promise<StationView> {
    const checked = validateStation(draft);
    if (!checked.value) throw invalid(checked.problems);
    const station = checked.value;
    return this.inTree(actor.organizationId, station.code, async (m, tree) => {
      const taken: unknown[] = await m.query(`SELECT 1 FROM stations WHERE code = $1`, [station.code]);
      if (taken.length) throw codeTaken(station.code);
      this.checkTreeChange(tree, station);
      const [row]: Array<{ id: string }> = await m.query(
        `INSERT INTO stations (organization_id, code, name, level, parent_id, admin_unit_code, region,
                               broadcast_slots, time_zone)
         VALUES ($1, $2, $3, $4, (SELECT id FROM stations WHERE organization_id = $1 AND code = $5), $6, $7, $8, $9)
         RETURNING id`,
        [
          actor.organizationId,
          station.code,
          station.name,
          station.level,
          station.parentCode,
          station.adminUnitCode,
          station.region,
          JSON.stringify(station.broadcastSlots),
          station.timeZone,
        ],
      );
      const created = await this.row(m, actor.organizationId, row.id);
      await this.record(m, actor, 'station.create', row.id, null, fields(created), requestId);
      return view(created);
    });
  }

  /** Changes any field but the code (campaigns and station keys name stations by code). */
  async update(
    actor: AdminActor,
    id: string,
    patch: Omit<StationDraft, 'code'>,
    requestId: string | null,
  ): Promise<StationView> {
    const current = await this.row(this.dataSource.manager, actor.organizationId, id);
    return this.inTree(actor.organizationId, current.code, async (m, tree) => {
      const before = await this.row(m, actor.organizationId, id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const checked = validateStation({ ...fields(before), ...defined, code: before.code });
      if (!checked.value) throw invalid(checked.problems);
      const next = checked.value;
      this.checkTreeChange(tree, next);
      await m.query(
        `UPDATE stations SET name = $3, level = $4,
                parent_id = (SELECT id FROM stations WHERE organization_id = $2 AND code = $5),
                admin_unit_code = $6, region = $7, broadcast_slots = $8, time_zone = $9
          WHERE id = $1 AND organization_id = $2`,
        [
          before.id,
          actor.organizationId,
          next.name,
          next.level,
          next.parentCode,
          next.adminUnitCode,
          next.region,
          JSON.stringify(next.broadcastSlots),
          next.timeZone,
        ],
      );
      const after = await this.row(m, actor.organizationId, id);
      if (changed(fields(before), fields(after)))
        await this.record(m, actor, 'station.update', id, fields(before), fields(after), requestId);
      return view(after);
    });
  }

  /**
   * Deletes a station no campaign has used and no station relays; its keys are revoked. A used station is kept
   * (409): campaign reports, broadcast confirmations and audio point at it.
   */
  async delete(actor: AdminActor, id: string, requestId: string | null): Promise<void> {
    const current = await this.row(this.dataSource.manager, actor.organizationId, id);
    try {
      await this.inTree(actor.organizationId, current.code, async (m) => {
        const before = await this.row(m, actor.organizationId, id);
        const children: Array<{ code: string }> = await m.query(
          `SELECT code FROM stations WHERE parent_id = $1 ORDER BY code LIMIT 5`,
          [before.id],
        );
        if (children.length)
          throw new DirectoryConflictError(
            `Không thể xóa đài "${before.code}": còn đài tiếp âm (${children.map((c) => c.code).join(', ')}); ` +
              `đổi đài cấp trên của chúng trước / Cannot delete ${before.code}: stations relay it; re-parent them first`,
          );
        const using = await campaignsUsing(
          m,
          actor.organizationId,
          'radio',
          before.code,
          'stationCodes',
          before.id,
          `(EXISTS (SELECT 1 FROM broadcast_confirmations b WHERE b.campaign_id = c.id AND b.station_id = $4::uuid)
              OR EXISTS (SELECT 1 FROM radio_audio a WHERE a.campaign_id = c.id AND a.station_id = $4::uuid)
              OR EXISTS (SELECT 1 FROM broadcast_slot_marks k WHERE k.campaign_id = c.id AND k.station_id = $4::uuid))`,
        );
        if (using.length) throw inUseError('đài', before.code, using);
        const keys = await revokePartnerKeys(m, 'station', before.id);
        await m.query(`DELETE FROM stations WHERE id = $1`, [before.id]);
        await this.record(
          m,
          actor,
          'station.delete',
          id,
          fields(before),
          keys ? { partnerKeysRevoked: keys } : null,
          requestId,
        );
      });
    } catch (e) {
      if (isForeignKeyViolation(e))
        throw new DirectoryConflictError(
          `Không thể xóa đài "${current.code}": đang được dùng / Cannot delete ${current.code}: still referenced`,
        );
      throw e;
    }
  }

  /**
   * Imports a CSV file all-or-nothing: every row is validated (problems listed with their line numbers), then
   * new codes are created and existing ones (of this organisation) updated, in one transaction.
   */
  async importCsv(actor: AdminActor, text: string, requestId: string | null): Promise<StationImportResult> {
    const parsed = parseStationCsv(text);
    if (parsed.problems.length) throw invalid(parsed.problems, 'Tệp nhập đài có lỗi, chưa nhập gì / Import refused');
    const rows = parsed.rows;
    return this.inTree(actor.organizationId, null, async (m, tree) => {
      const elsewhere: Array<{ code: string }> = await m.query(
        `SELECT code FROM stations WHERE code = ANY($1) AND organization_id <> $2`,
        [rows.map((r) => r.code), actor.organizationId],
      );
      const problems = checkStationImport(rows, tree, new Set(elsewhere.map((r) => r.code)));
      if (problems.length) throw invalid(problems, 'Tệp nhập đài có lỗi, chưa nhập gì / Import refused');

      const existing = new Map<string, StationRow>(
        (
          (await m.query(`${STATION_SELECT} WHERE s.organization_id = $1 AND s.code = ANY($2)`, [
            actor.organizationId,
            rows.map((r) => r.code),
          ])) as StationRow[]
        ).map((r) => [r.code, r]),
      );
      const outcome = new Map<string, 'created' | 'updated' | 'unchanged'>();
      const toRecord = (list: StationFields[]) =>
        JSON.stringify(
          list.map((r) => ({
            code: r.code,
            name: r.name,
            level: r.level,
            parent_code: r.parentCode,
            admin_unit_code: r.adminUnitCode,
            region: r.region,
            broadcast_slots: r.broadcastSlots,
            time_zone: r.timeZone,
          })),
        );
      const RECORDSET = `jsonb_to_recordset($2::jsonb) AS x(code text, name text, level text, parent_code text,
        admin_unit_code text, region text, broadcast_slots jsonb, time_zone text)`;
      const fresh = rows.filter((r) => !existing.has(r.code));
      const edited = rows.filter((r) => {
        const old = existing.get(r.code);
        return old && changed(fields(old), strip(r));
      });
      const editedCodes = new Set(edited.map((r) => r.code));
      for (const r of rows)
        outcome.set(r.code, !existing.has(r.code) ? 'created' : editedCodes.has(r.code) ? 'updated' : 'unchanged');
      if (fresh.length)
        await m.query(
          `INSERT INTO stations (organization_id, code, name, level, admin_unit_code, region, broadcast_slots, time_zone)
           SELECT $1, x.code, x.name, x.level, x.admin_unit_code, x.region, x.broadcast_slots, x.time_zone
             FROM ${RECORDSET}`,
          [actor.organizationId, toRecord(fresh)],
        );
      if (edited.length)
        await m.query(
          `UPDATE stations s SET name = x.name, level = x.level, admin_unit_code = x.admin_unit_code,
                  region = x.region, broadcast_slots = x.broadcast_slots, time_zone = x.time_zone
             FROM ${RECORDSET} WHERE s.organization_id = $1 AND s.code = x.code`,
          [actor.organizationId, toRecord(edited)],
        );
      const touched = [...fresh, ...edited];
      if (touched.length)
        await m.query(
          `UPDATE stations s SET parent_id = p.id
             FROM ${RECORDSET} LEFT JOIN stations p ON p.organization_id = $1 AND p.code = x.parent_code
            WHERE s.organization_id = $1 AND s.code = x.code`,
          [actor.organizationId, toRecord(touched)],
        );
      const after = new Map<string, StationRow>(
        (
          (await m.query(`${STATION_SELECT} WHERE s.organization_id = $1 AND s.code = ANY($2)`, [
            actor.organizationId,
            touched.map((r) => r.code),
          ])) as StationRow[]
        ).map((r) => [r.code, r]),
      );
      for (const r of touched) {
        const now = after.get(r.code)!;
        const old = existing.get(r.code);
        await this.record(
          m,
          actor,
          old ? 'station.update' : 'station.create',
          now.id,
          old ? fields(old) : null,
          { ...fields(now), source: 'import', line: r.line },
          requestId,
        );
      }
      const result: StationImportResult = {
        created: fresh.length,
        updated: edited.length,
        unchanged: rows.length - touched.length,
        stations: rows.map((r) => ({ line: r.line, code: r.code, outcome: outcome.get(r.code)! })),
      };
      await this.audit.record(
        {
          actor,
          action: 'station.import',
          targetType: 'station',
          targetId: null,
          after: { rows: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged },
          requestId,
        },
        m,
      );
      return result;
    });
  }

  /** Runs `work` in a transaction holding the organisation's tree lock, with its tree as it stands. */
  private async inTree<T>(
    organizationId: string,
    code: string | null,
    work: (m: EntityManager, tree: TreeNode[]) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('loa:stations:' || $1))`, [organizationId]);
        const tree: TreeNode[] = (
          (await m.query(
            `SELECT s.code, s.level, p.code AS parent_code FROM stations s LEFT JOIN stations p ON p.id = s.parent_id
              WHERE s.organization_id = $1`,
            [organizationId],
          )) as Array<{ code: string; level: StationLevel; parent_code: string | null }>
        ).map((r) => ({ code: r.code, level: r.level, parentCode: r.parent_code }));
        return work(m, tree);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw codeTaken(code ?? '(trong tệp / in the file)');
      throw e;
    }
  }

  /** Refuses a change that adds a problem to the tree (problems it already had are not this change's fault). */
  private checkTreeChange(tree: TreeNode[], station: StationFields): void {
    const key = (p: { code: string; message: string }) => `${p.code}\u0000${p.message}`;
    const before = new Set(checkStationTree(tree).map(key));
    const next = [
      ...tree.filter((n) => n.code !== station.code),
      { code: station.code, level: station.level, parentCode: station.parentCode },
    ];
    const added = checkStationTree(next).filter((p) => !before.has(key(p)));
    if (added.length)
      throw invalid(
        added.map((p) => ({
          field: p.code === station.code ? 'parentCode' : 'level',
          message: p.code === station.code ? p.message : `đài "${p.code}" đang tiếp âm đài này: ${p.message}`,
        })),
      );
  }

  private async row(m: EntityManager, organizationId: string, id: string): Promise<StationRow> {
    const rows: StationRow[] = isUuid(id)
      ? await m.query(`${STATION_SELECT} WHERE s.id = $1 AND s.organization_id = $2`, [id, organizationId])
      : [];
    if (!rows[0]) throw new DirectoryNotFoundError(`Không tìm thấy đài / Station ${id} not found`);
    return rows[0];
  }

  private record(
    m: EntityManager,
    actor: AdminActor,
    action: string,
    targetId: string,
    before: object | null,
    after: object | null,
    requestId: string | null,
  ): Promise<void> {
    return this.audit.record(
      {
        actor,
        action,
        targetType: 'station',
        targetId,
        before: before as Record<string, unknown> | null,
        after: after as Record<string, unknown> | null,
        requestId,
      },
      m,
    );
  }
}

function codeTaken(code: string): DirectoryConflictError {
  return new DirectoryConflictError(`Mã đài "${code}" đã được dùng / Station code "${code}" is already taken`);
}

function strip(r: StationFields & { line?: number }): StationFields {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parentCode,
    adminUnitCode: r.adminUnitCode,
    region: r.region,
    broadcastSlots: r.broadcastSlots,
    timeZone: r.timeZone,
  };
}
