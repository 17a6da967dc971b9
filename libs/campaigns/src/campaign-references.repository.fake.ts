import type { AgencyReference, CampaignReferencesRepository } from './campaign-references.repository';

/** In-memory directory and directives, by organisation. */
export class FakeCampaignReferencesRepository implements Pick<
  CampaignReferencesRepository,
  keyof CampaignReferencesRepository
> {
  readonly directives: Array<{ id: string; organizationId: string }> = [];
  readonly carriers: Array<{ code: string; enabled: boolean }> = [
    { code: 'viettel', enabled: true },
    { code: 'vinaphone', enabled: true },
    { code: 'mobifone', enabled: true },
  ];
  readonly agencyRows: Array<AgencyReference & { organizationId: string }> = [];
  readonly portals: Array<{ code: string; organizationId: string }> = [];
  readonly stations: Array<{ code: string; organizationId: string }> = [];
  readonly bannerImageRows: Array<{ id: string; size: string; organizationId: string }> = [];

  async directive(organizationId: string, id: string): Promise<{ id: string } | null> {
    const d = this.directives.find((x) => x.id === id && x.organizationId === organizationId);
    return d ? { id: d.id } : null;
  }

  async enabledCarrierCodes(): Promise<string[]> {
    return this.carriers.filter((c) => c.enabled).map((c) => c.code);
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
}
