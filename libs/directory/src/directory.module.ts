import { AdminUnitsModule } from '@loa/admin-units';
import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { AgenciesPortalsRepository } from './agencies-portals.repository';
import { DirectoryService } from './directory.service';
import { DirectorySnapshotRepository } from './directory-snapshot.repository';
import { StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';
import { UsersAdminService } from './users-admin.service';
import { UsersRepository } from './users.repository';

/** The organisation's directory (agencies, portals, carriers, stations) and its users, as admins manage them. */
@Module({
  // AdminUnitsModule: station unit codes are checked against the map.
  imports: [AdminUnitsModule],
  providers: [
    AuditService,
    AgenciesPortalsRepository,
    DirectorySnapshotRepository,
    StationsRepository,
    StationsService,
    DirectoryService,
    UsersRepository,
    UsersAdminService,
  ],
  exports: [StationsService, DirectoryService, UsersAdminService, DirectorySnapshotRepository],
})
export class DirectoryModule {}
