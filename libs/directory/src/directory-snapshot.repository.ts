import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StationLevel } from '@loa/db';

/** The organisation's directory as plan matching reads it (libs/directives' `Directory`). */
export interface DirectorySnapshot {
  province: string | null;
  agencies: Array<{ code: string; name: string; groupCode: string }>;
  portals: Array<{ code: string; name: string; url: string }>;
  stations: Array<{ code: string; name: string; level: StationLevel; parentCode: string | null }>;
  carriers: Array<{ code: string; name: string }>;
}

/** One read of everything a letter's addressees are matched against: agencies, portals, stations, carriers. */
@Injectable()
export class DirectorySnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The organisation's own name and province (it signs what Loa writes on its behalf), and the body it is today in
   * config/organizations/lineage.csv (null when none is recorded).
   */
  async organization(
    organizationId: string,
  ): Promise<{ name: string; province: string; lineageCode: string | null } | null> {
    const rows: Array<{ name: string; province: string; lineageCode: string | null }> = await this.dataSource.query(
      `SELECT name, province, lineage_code AS "lineageCode" FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return rows[0] ?? null;
  }

  async forOrganization(organizationId: string): Promise<DirectorySnapshot> {
    const [org, agencies, portals, stations, carriers] = await Promise.all([
      this.dataSource.query(`SELECT province FROM organizations WHERE id = $1`, [organizationId]) as Promise<
        Array<{ province: string }>
      >,
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
    return { province: org[0]?.province ?? null, agencies, portals, stations, carriers };
  }
}
