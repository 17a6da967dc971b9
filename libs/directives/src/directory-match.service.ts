import { Injectable } from '@nestjs/common';
import { DirectorySnapshot, DirectorySnapshotRepository, OrganizationRecord } from '@loa/directory';
import { Directory, DirectoryMatch, PlanEntry, matchDirectory } from './plan';

/** Reads an organisation's directory (agencies, portals, stations, carriers) and matches plan entries to it. */
@Injectable()
export class DirectoryMatchService {
  constructor(private readonly snapshots: DirectorySnapshotRepository) {}

  /** The organisation's name, province and place in the departments' lineage. */
  organization(organizationId: string): Promise<OrganizationRecord | null> {
    return this.snapshots.organization(organizationId);
  }

  /** The organisation (name, province, lineage) and its directory, in one round of reads. */
  load(organizationId: string): Promise<DirectorySnapshot> {
    return this.snapshots.forOrganization(organizationId);
  }

  match(directory: Directory, entries: readonly PlanEntry[], provinces: readonly string[] = []): DirectoryMatch {
    return matchDirectory(entries, directory, provinces);
  }
}
