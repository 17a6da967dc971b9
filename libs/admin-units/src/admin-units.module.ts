import { Global, Module } from '@nestjs/common';
import { AdminUnitMap } from './map';
import { loadAdminUnits } from './admin-units.loader';

/**
 * The administrative units, loaded and checked against the official totals when the process starts (a broken
 * config/admin-units stops it with every problem listed), then shared as one immutable `AdminUnitMap`.
 */
@Global()
@Module({
  providers: [{ provide: AdminUnitMap, useFactory: (): AdminUnitMap => loadAdminUnits().map }],
  exports: [AdminUnitMap],
})
export class AdminUnitsModule {}
