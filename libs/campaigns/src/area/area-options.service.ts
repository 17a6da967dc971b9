import { Injectable } from '@nestjs/common';
import { AdminUnitMap, searchUnits, type UnitOption, vietnamDay } from '@loa/admin-units';
import { CampaignReferencesRepository } from '../campaign-references.repository';
import { organizationProvince } from './campaign-area-rules';

/** The units an editor may pick for a campaign's area: today's units of the organisation's province. */
@Injectable()
export class AreaOptionsService {
  constructor(
    private readonly units: AdminUnitMap,
    private readonly references: CampaignReferencesRepository,
  ) {}

  async search(organizationId: string, query: string, limit = 50): Promise<UnitOption[]> {
    const day = vietnamDay(new Date());
    const province = organizationProvince(this.units, await this.references.organizationPlace(organizationId), day);
    return searchUnits(this.units, { query, within: province, day, limit });
  }
}
