import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { revokeKeysOfPartner } from '@loa/auth';
import { isUuid } from '@loa/common';
import { updateReturning } from '@loa/db';

/** An agency as stored (its group by code). */
export interface AgencyRecord {
  id: string;
  code: string;
  name: string;
  email: string;
  group: string;
}

/** A portal as stored, with the public key of its embed. */
export interface PortalRecord {
  id: string;
  code: string;
  name: string;
  url: string;
  embedKey: string;
}

/** A carrier of the national list, as admins see it. */
export interface CarrierRecord {
  code: string;
  name: string;
  provider: string;
  senderName: string;
  enabled: boolean;
}

interface AgencyRow {
  id: string;
  code: string;
  name: string;
  email: string;
  group_code: string;
}

interface PortalRow {
  id: string;
  code: string;
  name: string;
  url: string;
  embed_key: string;
}

const agency = (r: AgencyRow): AgencyRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  email: r.email,
  group: r.group_code,
});
const portal = (r: PortalRow): PortalRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  url: r.url,
  embedKey: r.embed_key,
});

/**
 * The SQL of the directory admins keep: `agencies` and `portals` of an organisation, the national `carriers`
 * (read only), and which campaigns still use an entry (which makes it undeletable).
 */
@Injectable()
export class AgenciesPortalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; the methods taking `m` join it. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The organisation's agencies, by group then code. */
  async listAgencies(organizationId: string): Promise<AgencyRecord[]> {
    const rows: AgencyRow[] = await this.dataSource.query(
      `SELECT id, code, name, email, group_code FROM agencies WHERE organization_id = $1 ORDER BY group_code, code`,
      [organizationId],
    );
    return rows.map(agency);
  }

  /** One agency of the organisation (null for another's, an unknown id or not a UUID); `lock` holds it. */
  async findAgency(m: EntityManager, organizationId: string, id: string, lock = false): Promise<AgencyRecord | null> {
    if (!isUuid(id)) return null;
    const rows: AgencyRow[] = await m.query(
      `SELECT id, code, name, email, group_code FROM agencies WHERE id = $1 AND organization_id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [id, organizationId],
    );
    return rows[0] ? agency(rows[0]) : null;
  }

  /** Inserts an agency (a taken code fails with PostgreSQL's unique violation). */
  async insertAgency(m: EntityManager, organizationId: string, a: Omit<AgencyRecord, 'id'>): Promise<AgencyRecord> {
    const [row]: AgencyRow[] = await m.query(
      `INSERT INTO agencies (organization_id, code, name, email, group_code) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, code, name, email, group_code`,
      [organizationId, a.code, a.name, a.email, a.group],
    );
    return agency(row);
  }

  /** Changes the fields given (null keeps the stored value). */
  async updateAgency(
    m: EntityManager,
    organizationId: string,
    id: string,
    patch: { name: string | null; email: string | null; group: string | null },
  ): Promise<AgencyRecord> {
    const [row] = await updateReturning<AgencyRow>(
      m,
      `UPDATE agencies SET name = COALESCE($3, name), email = COALESCE($4, email), group_code = COALESCE($5, group_code)
        WHERE id = $1 AND organization_id = $2 RETURNING id, code, name, email, group_code`,
      [id, organizationId, patch.name, patch.email, patch.group],
    );
    return agency(row);
  }

  /** Campaigns of the organisation that email this agency (rows or plan), as "title (status)", at most five. */
  campaignsUsingAgency(
    m: EntityManager,
    organizationId: string,
    a: Pick<AgencyRecord, 'id' | 'code'>,
  ): Promise<string[]> {
    return campaignsUsing(m, organizationId, 'email', a.code, 'agencyCodes', a.id);
  }

  /** Deletes an agency (the caller has checked that no campaign uses it). */
  async deleteAgency(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM agencies WHERE id = $1`, [id]);
  }

  /** The organisation's portals, by code. */
  async listPortals(organizationId: string): Promise<PortalRecord[]> {
    const rows: PortalRow[] = await this.dataSource.query(
      `SELECT id, code, name, url, embed_key FROM portals WHERE organization_id = $1 ORDER BY code`,
      [organizationId],
    );
    return rows.map(portal);
  }

  /** One portal of the organisation (null for another's, an unknown id or not a UUID); `lock` holds it. */
  async findPortal(m: EntityManager, organizationId: string, id: string, lock = false): Promise<PortalRecord | null> {
    if (!isUuid(id)) return null;
    const rows: PortalRow[] = await m.query(
      `SELECT id, code, name, url, embed_key FROM portals WHERE id = $1 AND organization_id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [id, organizationId],
    );
    return rows[0] ? portal(rows[0]) : null;
  }

  /** Inserts a portal with its embed key (a taken code or key fails with PostgreSQL's unique violation). */
  async insertPortal(m: EntityManager, organizationId: string, p: Omit<PortalRecord, 'id'>): Promise<PortalRecord> {
    const [row]: PortalRow[] = await m.query(
      `INSERT INTO portals (organization_id, code, name, url, embed_key) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, code, name, url, embed_key`,
      [organizationId, p.code, p.name, p.url, p.embedKey],
    );
    return portal(row);
  }

  /** Changes the fields given (null keeps the stored value). */
  async updatePortal(
    m: EntityManager,
    organizationId: string,
    id: string,
    patch: { name: string | null; url: string | null },
  ): Promise<PortalRecord> {
    const [row] = await updateReturning<PortalRow>(
      m,
      `UPDATE portals SET name = COALESCE($3, name), url = COALESCE($4, url)
        WHERE id = $1 AND organization_id = $2 RETURNING id, code, name, url, embed_key`,
      [id, organizationId, patch.name, patch.url],
    );
    return portal(row);
  }

  /** Replaces the portal's embed key; the old one stops serving at once. */
  async setEmbedKey(m: EntityManager, id: string, embedKey: string): Promise<PortalRecord> {
    const [row] = await updateReturning<PortalRow>(
      m,
      `UPDATE portals SET embed_key = $2 WHERE id = $1 RETURNING id, code, name, url, embed_key`,
      [id, embedKey],
    );
    return portal(row);
  }

  /**
   * Campaigns of the organisation that show a banner on this portal (rows, plan or banner counts), as
   * "title (status)", at most five.
   */
  campaignsUsingPortal(
    m: EntityManager,
    organizationId: string,
    p: Pick<PortalRecord, 'id' | 'code'>,
  ): Promise<string[]> {
    return campaignsUsing(
      m,
      organizationId,
      'banner',
      p.code,
      'portalCodes',
      p.id,
      `EXISTS (SELECT 1 FROM banner_stats b WHERE b.campaign_id = c.id AND b.portal_id = $4::uuid)`,
    );
  }

  /** Revokes the portal's live partner keys in the caller's transaction (libs/auth owns them); how many. */
  revokePortalKeys(m: EntityManager, id: string): Promise<number> {
    return revokeKeysOfPartner(m, 'portal', id);
  }

  /** Deletes a portal (a row that still references it fails with PostgreSQL's foreign-key violation). */
  async deletePortal(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM portals WHERE id = $1`, [id]);
  }

  /** The national carrier list, by code. */
  async listCarriers(): Promise<CarrierRecord[]> {
    const rows: Array<{ code: string; name: string; provider: string; sender_name: string; enabled: boolean }> =
      await this.dataSource.query(`SELECT code, name, provider, sender_name, enabled FROM carriers ORDER BY code`);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      provider: r.provider,
      senderName: r.sender_name,
      enabled: r.enabled,
    }));
  }
}

/** Campaigns (of this organisation) still using a directory row, as "title (status)", at most five. */
export async function campaignsUsing(
  m: EntityManager,
  organizationId: string,
  channel: 'email' | 'banner' | 'radio',
  code: string,
  planField: 'agencyCodes' | 'portalCodes' | 'stationCodes',
  rowId: string,
  /** Further evidence of use, as SQL over campaign `c`; `$4` is the row's id (uuid). */
  extraSql = 'false',
): Promise<string[]> {
  const rows: Array<{ title: string; status: string }> = await m.query(
    `SELECT c.title, c.status FROM campaigns c
      WHERE c.organization_id = $1 AND (
        EXISTS (SELECT 1 FROM deliveries d WHERE d.campaign_id = c.id AND d.channel = $2 AND d.recipient_key = $3)
        OR EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id AND p.channel = $2
                     AND jsonb_typeof(p.content->'${planField}') = 'array' AND p.content->'${planField}' ? $3)
        OR ($4::uuid IS NOT NULL AND ${extraSql}))
      ORDER BY c.created_at DESC LIMIT 5`,
    [organizationId, channel, code, rowId],
  );
  return rows.map((r) => `${r.title} (${r.status})`);
}
