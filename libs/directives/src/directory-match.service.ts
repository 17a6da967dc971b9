import { Injectable } from '@nestjs/common';
import { DirectorySnapshotRepository } from '@loa/directory';
import { Directory, DirectoryMatch, PlanEntry, matchDirectory } from './plan';

/** Reads an organisation's directory (agencies, portals, stations, carriers) and matches plan entries to it. */
@Injectable()
export class DirectoryMatchService {
  constructor(private readonly snapshots: DirectorySnapshotRepository) {}

  /** The organisation's name, province and place in the departments' lineage. */
  organization(organizationId: string): Promise<{ name: string; province: string; lineageCode: string | null } | null> {
    return this.snapshots.organization(organizationId);
  }

  load(organizationId: string): Promise<Directory> {
    return this.snapshots.forOrganization(organizationId);
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
