import { AdminUnitMap } from '@loa/admin-units';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors';
import { changed, inUseError } from './directory.service';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError, FieldProblem } from './errors';
import { checkStationImport, parseStationCsv } from './station-csv';
import { StationRecord, StationsRepository } from './stations.repository';
import { StationDraft, StationFields, TreeNode, checkStationTree, validateStation } from './validation';

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

/** A station's fields without its id (what the audit records and edits compare). */
function fields(r: StationRecord): StationFields {
  return strip(r);
}

const view = (r: StationRecord): StationView => ({ id: r.id, ...fields(r) });

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
    private readonly stations: StationsRepository,
    private readonly audit: AuditService,
    private readonly units: AdminUnitMap,
  ) {}

  /** A unit code the map knows, today's or a former one (a district station may keep its district's code). */
  private readonly isKnownUnit = (code: string): boolean => this.units.find(code).length > 0;

  async list(organizationId: string): Promise<StationView[]> {
    return (await this.stations.list(organizationId)).map(view);
  }

  async create(actor: AdminActor, draft: StationDraft, requestId: string | null): Promise<StationView> {
    const checked = validateStation(draft, undefined, this.isKnownUnit);
    if (!checked.value) throw invalid(checked.problems);
    const station = checked.value;
    return this.inTree(actor.organizationId, station.code, async (m, tree) => {
      if (await this.stations.codeTaken(m, station.code)) throw codeTaken(station.code);
      this.checkTreeChange(tree, station);
      const id = await this.stations.insert(m, actor.organizationId, station);
      const created = await this.row(m, actor.organizationId, id);
      await this.record(m, actor, 'station.create', id, null, fields(created), requestId);
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
    const current = await this.row(null, actor.organizationId, id);
    return this.inTree(actor.organizationId, current.code, async (m, tree) => {
      const before = await this.row(m, actor.organizationId, id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      // A unit code is checked when it is set (a station recorded before the map keeps its code until edited).
      const unitSet = patch.adminUnitCode !== undefined;
      const checked = validateStation(
        { ...fields(before), ...defined, code: before.code },
        undefined,
        unitSet ? this.isKnownUnit : undefined,
      );
      if (!checked.value) throw invalid(checked.problems);
      const next = checked.value;
      this.checkTreeChange(tree, next);
      await this.stations.update(m, actor.organizationId, before.id, next);
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
    const current = await this.row(null, actor.organizationId, id);
    try {
      await this.inTree(actor.organizationId, current.code, async (m) => {
        const before = await this.row(m, actor.organizationId, id);
        const children = await this.stations.childCodes(m, before.id);
        if (children.length)
          throw new DirectoryConflictError(
            `Không thể xóa đài "${before.code}": còn đài tiếp âm (${children.join(', ')}); ` +
              `đổi đài cấp trên của chúng trước / Cannot delete ${before.code}: stations relay it; re-parent them first`,
          );
        const using = await this.stations.campaignsUsing(m, actor.organizationId, before);
        if (using.length) throw inUseError('đài', before.code, using);
        const keys = await this.stations.revokeKeys(m, before.id);
        await this.stations.delete(m, before.id);
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
    const parsed = parseStationCsv(text, this.isKnownUnit);
    if (parsed.problems.length) throw invalid(parsed.problems, 'Tệp nhập đài có lỗi, chưa nhập gì / Import refused');
    return this.inTree(actor.organizationId, null, async (m, tree) => {
      const codes = parsed.rows.map((r) => r.code);
      const elsewhere = await this.stations.codesElsewhere(m, actor.organizationId, codes);
      const problems = checkStationImport(parsed.rows, tree, new Set(elsewhere));
      if (problems.length) throw invalid(problems, 'Tệp nhập đài có lỗi, chưa nhập gì / Import refused');

      const existing = new Map(
        (await this.stations.findByCodes(m, actor.organizationId, codes)).map((r) => [r.code, r]),
      );
      // A file without the contact_email column leaves every station's contact as it is.
      const rows = parsed.contactEmailGiven
        ? parsed.rows
        : parsed.rows.map((r) => ({ ...r, contactEmail: existing.get(r.code)?.contactEmail ?? null }));
      const outcome = new Map<string, 'created' | 'updated' | 'unchanged'>();
      const fresh = rows.filter((r) => !existing.has(r.code));
      const edited = rows.filter((r) => {
        const old = existing.get(r.code);
        return old && changed(fields(old), strip(r));
      });
      const editedCodes = new Set(edited.map((r) => r.code));
      for (const r of rows)
        outcome.set(r.code, !existing.has(r.code) ? 'created' : editedCodes.has(r.code) ? 'updated' : 'unchanged');
      await this.stations.importStations(m, actor.organizationId, fresh.map(strip), edited.map(strip));
      const touched = [...fresh, ...edited];
      const after = new Map(
        (
          await this.stations.findByCodes(
            m,
            actor.organizationId,
            touched.map((r) => r.code),
          )
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
      return await this.stations.withTreeLock(organizationId, work);
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

  private async row(m: EntityManager | null, organizationId: string, id: string): Promise<StationRecord> {
    const row = await this.stations.find(organizationId, id, m ?? undefined);
    if (!row) throw new DirectoryNotFoundError(`Không tìm thấy đài / Station ${id} not found`);
    return row;
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
    contactEmail: r.contactEmail,
  };
}
