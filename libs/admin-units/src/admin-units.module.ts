import { Global, Module } from '@nestjs/common';
import { AdminUnitMap } from './map';
import { loadAdminUnits, loadOrganizationLineage } from './admin-units.loader';
import { OrganizationLineage } from './organizations';

/**
 * The administrative units, loaded and checked against the official totals when the process starts (a broken
 * config/admin-units stops it with every problem listed), then shared as one immutable `AdminUnitMap`; with them the
 * departments' lineage (config/organizations), checked the same way.
 */
@Global()
@Module({
  providers: [
    { provide: AdminUnitMap, useFactory: (): AdminUnitMap => loadAdminUnits().map },
    {
      provide: OrganizationLineage,
      useFactory: (map: AdminUnitMap): OrganizationLineage => loadOrganizationLineage(map),
      inject: [AdminUnitMap],
    },
  ],
  exports: [AdminUnitMap, OrganizationLineage],
})
export class AdminUnitsModule {}
