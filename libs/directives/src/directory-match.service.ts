import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Directory, DirectoryMatch, PlanEntry, matchDirectory } from './plan';

/** Reads an organisation's directory (agencies, portals, stations, carriers) and matches plan entries to it. */
@Injectable()
export class DirectoryMatchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(organizationId: string): Promise<Directory> {
    const [org, agencies, portals, stations, carriers] = await Promise.all([
      this.dataSource.query(`SELECT province FROM organizations WHERE id = $1`, [organizationId]) as Promise<
        Array<{ province: string }>
      >,
      this.dataSource.query(
        `SELECT code, name, group_code AS "groupCode" FROM agencies WHERE organization_id = $1 ORDER BY code`,
        [organizationId],
      ) as Promise<Directory['agencies']>,
      this.dataSource.query(`SELECT code, name, url FROM portals WHERE organization_id = $1 ORDER BY code`, [
        organizationId,
      ]) as Promise<Directory['portals']>,
      this.dataSource.query(
        `SELECT s.code, s.name, s.level, p.code AS "parentCode"
           FROM stations s LEFT JOIN stations p ON p.id = s.parent_id
          WHERE s.organization_id = $1 ORDER BY s.code`,
        [organizationId],
      ) as Promise<Directory['stations']>,
      this.dataSource.query(`SELECT code, name FROM carriers WHERE enabled ORDER BY code`) as Promise<
        Directory['carriers']
      >,
    ]);
    return { province: org[0]?.province ?? null, agencies, portals, stations, carriers };
  }

  async match(
    organizationId: string,
    entries: readonly PlanEntry[],
    provinces: readonly string[] = [],
  ): Promise<{ directory: Directory; match: DirectoryMatch }> {
    const directory = await this.load(organizationId);
    return { directory, match: matchDirectory(entries, directory, provinces) };
  }
}
