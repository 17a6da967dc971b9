import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StationLevel } from '@loa/db';

/** The organisation's directory as plan matching reads it (libs/directives' `Directory`). */
export interface DirectorySnapshot {
  /** The organisation's own name, province and body in config/organizations/lineage.csv (null: no such row). */
  organization: OrganizationRecord | null;
  province: string | null;
  agencies: Array<{ code: string; name: string; groupCode: string }>;
  portals: Array<{ code: string; name: string; url: string }>;
  stations: Array<{ code: string; name: string; level: StationLevel; parentCode: string | null }>;
  carriers: Array<{ code: string; name: string }>;
}

export interface OrganizationRecord {
  name: string;
  province: string;
  lineageCode: string | null;
}

/** One read of everything a letter's addressees are matched against: agencies, portals, stations, carriers. */
@Injectable()
export class DirectorySnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The organisation's own name and province (it signs what Loa writes on its behalf), and the body it is today in
   * config/organizations/lineage.csv (null when none is recorded).
   */
  async organization(organizationId: string): Promise<OrganizationRecord | null> {
    const rows: OrganizationRecord[] = await this.dataSource.query(
      `SELECT name, province, lineage_code AS "lineageCode" FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return rows[0] ?? null;
  }

  /** The organisation and its directory, read at once. */
  async forOrganization(organizationId: string): Promise<DirectorySnapshot> {
    const [organization, agencies, portals, stations, carriers] = await Promise.all([
      this.organization(organizationId),
      this.dataSource.query(
        `SELECT code, name, group_code AS "groupCode" FROM agencies WHERE organization_id = $1 ORDER BY code`,
        [organizationId],
      ) as Promise<DirectorySnapshot['agencies']>,
      this.dataSource.query(`SELECT code, name, url FROM portals WHERE organization_id = $1 ORDER BY code`, [
        organizationId,
      ]) as Promise<DirectorySnapshot['portals']>,
      this.dataSource.query(
        `SELECT s.code, s.name, s.level, p.code AS "parentCode"
           FROM stations s LEFT JOIN stations p ON p.id = s.parent_id
          WHERE s.organization_id = $1 ORDER BY s.code`,
        [organizationId],
      ) as Promise<DirectorySnapshot['stations']>,
      this.dataSource.query(`SELECT code, name FROM carriers WHERE enabled ORDER BY code`) as Promise<
        DirectorySnapshot['carriers']
      >,
    ]);
    return { organization, province: organization?.province ?? null, agencies, portals, stations, carriers };
  }
}
