import type { DirectoryPlaces } from './area/campaign-area-rules';
import type { AgencyReference, CampaignReferencesRepository } from './campaign-references.repository';

/** In-memory directory and directives, by organisation. */
export class FakeCampaignReferencesRepository implements Pick<
  CampaignReferencesRepository,
  keyof CampaignReferencesRepository
> {
  readonly directives: Array<{ id: string; organizationId: string }> = [];
  readonly carriers: Array<{
    code: string;
    enabled: boolean;
    senderName?: string;
    connection?: Record<string, unknown>;
  }> = [
    { code: 'viettel', enabled: true },
    { code: 'vinaphone', enabled: true },
    { code: 'mobifone', enabled: true },
  ];
  readonly agencyRows: Array<AgencyReference & { organizationId: string; unit?: string }> = [];
  readonly portals: Array<{ code: string; organizationId: string; unit?: string }> = [];
  readonly stations: Array<{ code: string; organizationId: string; unit?: string; parentCode?: string }> = [];
  /** The unit each organisation sits on (its province). */
  readonly organizationUnits = new Map<string, string>();
  readonly bannerImageRows: Array<{ id: string; size: string; organizationId: string }> = [];

  async directive(organizationId: string, id: string): Promise<{ id: string } | null> {
    const d = this.directives.find((x) => x.id === id && x.organizationId === organizationId);
    return d ? { id: d.id } : null;
  }

  async enabledCarrierCodes(): Promise<string[]> {
    return this.carriers.filter((c) => c.enabled).map((c) => c.code);
  }

  async enabledCarriers(): Promise<Array<{ code: string; senderName: string; connection: Record<string, unknown> }>> {
    return this.carriers
      .filter((c) => c.enabled)
      .map((c) => ({ code: c.code, senderName: c.senderName ?? 'SoTTTT', connection: c.connection ?? {} }));
  }

  async agencies(organizationId: string, codes: string[], groups: string[]): Promise<AgencyReference[]> {
    return this.agencyRows
      .filter((a) => a.organizationId === organizationId && (codes.includes(a.code) || groups.includes(a.groupCode)))
      .map((a) => ({ code: a.code, groupCode: a.groupCode }));
  }

  async portalCodes(organizationId: string, codes: string[]): Promise<string[]> {
    return this.portals.filter((p) => p.organizationId === organizationId && codes.includes(p.code)).map((p) => p.code);
  }

  async bannerImages(organizationId: string, ids: string[]): Promise<Array<{ id: string; size: string }>> {
    return this.bannerImageRows
      .filter((i) => i.organizationId === organizationId && ids.includes(i.id))
      .map((i) => ({ id: i.id, size: i.size }));
  }

  async stationCodes(organizationId: string, codes: string[]): Promise<string[]> {
    return this.stations
      .filter((s) => s.organizationId === organizationId && codes.includes(s.code))
      .map((s) => s.code);
  }

  async places(organizationId: string): Promise<DirectoryPlaces> {
    const own = <T extends { organizationId: string }>(rows: T[]) =>
      rows.filter((r) => r.organizationId === organizationId);
    return {
      organizationUnit: this.organizationUnits.get(organizationId) ?? null,
      organizationProvince: null,
      stations: own(this.stations).map((s) => ({
        code: s.code,
        unit: s.unit ?? null,
        parentCode: s.parentCode ?? null,
      })),
      portals: own(this.portals).map((p) => ({ code: p.code, unit: p.unit ?? null })),
      agencies: own(this.agencyRows).map((a) => ({ code: a.code, groupCode: a.groupCode, unit: a.unit ?? null })),
    };
  }

  async organizationPlace(organizationId: string): Promise<{ unit: string | null; province: string | null }> {
    return { unit: this.organizationUnits.get(organizationId) ?? null, province: null };
  }
}
