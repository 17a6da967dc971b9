import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { revokeKeysOfPartner } from '@loa/auth';
import type { StationLevel } from '@loa/db';
import { isUuid } from '@loa/common';
import { campaignsUsing } from './agencies-portals.repository';
import type { StationFields, StationRegionValue, StationSlotValue, TreeNode } from './validation';

/** A station as stored: its fields (parent by code) and id. */
export interface StationRecord extends StationFields {
  id: string;
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
  contact_email: string | null;
}

const STATION_SELECT = `SELECT s.id, s.code, s.name, s.level, p.code AS parent_code, s.admin_unit_code, s.region,
    s.broadcast_slots, s.time_zone, s.contact_email
  FROM stations s LEFT JOIN stations p ON p.id = s.parent_id`;

/** Rows for `jsonb_to_recordset`: the import writes many stations in one statement each way. */
const RECORDSET = `jsonb_to_recordset($2::jsonb) AS x(code text, name text, level text, parent_code text,
  admin_unit_code text, region text, broadcast_slots jsonb, time_zone text, contact_email text)`;

function toRecord(r: StationRow): StationRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    adminUnitCode: r.admin_unit_code,
    region: r.region,
    broadcastSlots: (r.broadcast_slots ?? []).map((s) => ({ start: s.start, minutes: Number(s.minutes) })),
    timeZone: r.time_zone,
    contactEmail: r.contact_email,
  };
}

function recordset(list: StationFields[]): string {
  return JSON.stringify(
    list.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parent_code: r.parentCode,
      admin_unit_code: r.adminUnitCode,
      region: r.region,
      broadcast_slots: r.broadcastSlots,
      time_zone: r.timeZone,
      contact_email: r.contactEmail,
    })),
  );
}

/**
 * The SQL of `stations`: an organisation's relay tree (province → district → commune), read and changed under
 * the organisation's advisory lock so concurrent edits cannot make a cycle.
 */
@Injectable()
export class StationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's stations, province first, then districts, then communes, each by code. */
  async list(organizationId: string): Promise<StationRecord[]> {
    const rows: StationRow[] = await this.dataSource.query(
      `${STATION_SELECT} WHERE s.organization_id = $1 ORDER BY s.level <> 'province', s.level <> 'district', s.code`,
      [organizationId],
    );
    return rows.map(toRecord);
  }

  /**
   * Runs `work` in a transaction holding the organisation's tree lock, with the tree as it stands (code, level,
   * parent code of every station).
   */
  withTreeLock<T>(organizationId: string, work: (m: EntityManager, tree: TreeNode[]) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('loa:stations:' || $1))`, [organizationId]);
      const rows: Array<{ code: string; level: StationLevel; parent_code: string | null }> = await m.query(
        `SELECT s.code, s.level, p.code AS parent_code FROM stations s LEFT JOIN stations p ON p.id = s.parent_id
          WHERE s.organization_id = $1`,
        [organizationId],
      );
      return work(
        m,
        rows.map((r) => ({ code: r.code, level: r.level, parentCode: r.parent_code })),
      );
    });
  }

  /** One station of the organisation by id (null for another organisation's, an unknown id or not a UUID). */
  async find(organizationId: string, id: string, m?: EntityManager): Promise<StationRecord | null> {
    if (!isUuid(id)) return null;
    const rows: StationRow[] = await (m ?? this.dataSource.manager).query(
      `${STATION_SELECT} WHERE s.id = $1 AND s.organization_id = $2`,
      [id, organizationId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The organisation's stations with these codes. */
  async findByCodes(m: EntityManager, organizationId: string, codes: string[]): Promise<StationRecord[]> {
    const rows: StationRow[] = await m.query(`${STATION_SELECT} WHERE s.organization_id = $1 AND s.code = ANY($2)`, [
      organizationId,
      codes,
    ]);
    return rows.map(toRecord);
  }

  /** Whether any organisation has a station with this code (codes are national: keys and feeds name them). */
  async codeTaken(m: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM stations WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** Of these codes, those another organisation's stations hold. */
  async codesElsewhere(m: EntityManager, organizationId: string, codes: string[]): Promise<string[]> {
    const rows: Array<{ code: string }> = await m.query(
      `SELECT code FROM stations WHERE code = ANY($1) AND organization_id <> $2`,
      [codes, organizationId],
    );
    return rows.map((r) => r.code);
  }

  /** Inserts a station (its parent found by code in the organisation); returns its id. */
  async insert(m: EntityManager, organizationId: string, s: StationFields): Promise<string> {
    const [row]: Array<{ id: string }> = await m.query(
      `INSERT INTO stations (organization_id, code, name, level, parent_id, admin_unit_code, region,
                             broadcast_slots, time_zone, contact_email)
       VALUES ($1, $2, $3, $4, (SELECT id FROM stations WHERE organization_id = $1 AND code = $5), $6, $7, $8, $9,
               $10)
       RETURNING id`,
      [
        organizationId,
        s.code,
        s.name,
        s.level,
        s.parentCode,
        s.adminUnitCode,
        s.region,
        JSON.stringify(s.broadcastSlots),
        s.timeZone,
        s.contactEmail,
      ],
    );
    return row.id;
  }

  /** Rewrites every field but the code. */
  async update(m: EntityManager, organizationId: string, id: string, s: StationFields): Promise<void> {
    await m.query(
      `UPDATE stations SET name = $3, level = $4,
              parent_id = (SELECT id FROM stations WHERE organization_id = $2 AND code = $5),
              admin_unit_code = $6, region = $7, broadcast_slots = $8, time_zone = $9,
              contact_email = $10
        WHERE id = $1 AND organization_id = $2`,
      [
        id,
        organizationId,
        s.name,
        s.level,
        s.parentCode,
        s.adminUnitCode,
        s.region,
        JSON.stringify(s.broadcastSlots),
        s.timeZone,
        s.contactEmail,
      ],
    );
  }

  /** Up to `limit` codes of stations that relay this one. */
  async childCodes(m: EntityManager, id: string, limit = 5): Promise<string[]> {
    const rows: Array<{ code: string }> = await m.query(
      `SELECT code FROM stations WHERE parent_id = $1 ORDER BY code LIMIT $2`,
      [id, limit],
    );
    return rows.map((r) => r.code);
  }

  /**
   * Campaigns of the organisation that air on this station (rows, plan, broadcast confirmations, audio or slot
   * marks), as "title (status)", at most five.
   */
  campaignsUsing(m: EntityManager, organizationId: string, s: Pick<StationRecord, 'id' | 'code'>): Promise<string[]> {
    return campaignsUsing(
      m,
      organizationId,
      'radio',
      s.code,
      'stationCodes',
      s.id,
      `(EXISTS (SELECT 1 FROM broadcast_confirmations b WHERE b.campaign_id = c.id AND b.station_id = $4::uuid)
          OR EXISTS (SELECT 1 FROM radio_audio a WHERE a.campaign_id = c.id AND a.station_id = $4::uuid)
          OR EXISTS (SELECT 1 FROM broadcast_slot_marks k WHERE k.campaign_id = c.id AND k.station_id = $4::uuid))`,
    );
  }

  /** Revokes the station's live partner keys in the caller's transaction (libs/auth owns them); how many. */
  revokeKeys(m: EntityManager, id: string): Promise<number> {
    return revokeKeysOfPartner(m, 'station', id);
  }

  /** Deletes a station (a row that still references it fails with PostgreSQL's foreign-key violation). */
  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM stations WHERE id = $1`, [id]);
  }

  /**
   * The import's writes, one statement each: new stations inserted, changed ones updated, then every touched
   * station's parent set by code (a parent may be a station of the same file).
   */
  async importStations(
    m: EntityManager,
    organizationId: string,
    fresh: StationFields[],
    edited: StationFields[],
  ): Promise<void> {
    if (fresh.length)
      await m.query(
        `INSERT INTO stations (organization_id, code, name, level, admin_unit_code, region, broadcast_slots, time_zone,
                               contact_email)
         SELECT $1, x.code, x.name, x.level, x.admin_unit_code, x.region, x.broadcast_slots, x.time_zone,
                x.contact_email
           FROM ${RECORDSET}`,
        [organizationId, recordset(fresh)],
      );
    if (edited.length)
      await m.query(
        `UPDATE stations s SET name = x.name, level = x.level, admin_unit_code = x.admin_unit_code,
                region = x.region, broadcast_slots = x.broadcast_slots, time_zone = x.time_zone,
                contact_email = x.contact_email
           FROM ${RECORDSET} WHERE s.organization_id = $1 AND s.code = x.code`,
        [organizationId, recordset(edited)],
      );
    const touched = [...fresh, ...edited];
    if (touched.length)
      await m.query(
        `UPDATE stations s SET parent_id = p.id
           FROM ${RECORDSET} LEFT JOIN stations p ON p.organization_id = $1 AND p.code = x.parent_code
          WHERE s.organization_id = $1 AND s.code = x.code`,
        [organizationId, recordset(touched)],
      );
  }
}
