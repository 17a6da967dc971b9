import { Injectable } from '@nestjs/common';
import { AdminUnitMap, provinceNamed, searchUnits, type UnitOption } from '@loa/admin-units';
import { CampaignReferencesRepository } from '../campaign-references.repository';
import { areaDay } from './campaign-area-rules';

/** The units an editor may pick for a campaign's area: today's units of the organisation's province. */
@Injectable()
export class AreaOptionsService {
  constructor(
    private readonly units: AdminUnitMap,
    private readonly references: CampaignReferencesRepository,
  ) {}

  async search(organizationId: string, query: string, limit = 50): Promise<UnitOption[]> {
    const day = areaDay(new Date());
    const place = await this.references.organizationPlace(organizationId);
    const province =
      (place.unit ? this.units.unit(place.unit, day) : null) ??
      (place.province ? provinceNamed(this.units, place.province, day) : null);
    return searchUnits(this.units, { query, within: province ? this.units.provinceOf(province) : null, day, limit });
  }
}
