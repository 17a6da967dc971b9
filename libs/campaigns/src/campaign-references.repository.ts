import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AgencyEntity, CarrierEntity, DirectiveEntity, OrganizationEntity, PortalEntity, StationEntity } from '@loa/db';
import type { DirectoryPlaces } from './area/campaign-area-rules';

/** A carrier's code and the row fields its sending rules come from. */
export interface CarrierRules {
  code: string;
  senderName: string;
  connection: Record<string, unknown>;
}

/** An agency a plan names, by code or by its addressee group. */
export interface AgencyReference {
  code: string;
  groupCode: string;
}

/**
 * What a campaign's plans name, looked up before they are written: the directive, enabled carriers, agencies,
 * portals and stations of the organisation. Reads the directory and the directives; writes nothing (their owners
 * are libs/directory and libs/directives, which campaigns cannot import without a circle).
 */
@Injectable()
export class CampaignReferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's directive, or null. */
  async directive(organizationId: string, id: string): Promise<{ id: string } | null> {
    const d = await this.dataSource.getRepository(DirectiveEntity).findOne({ where: { id, organizationId } });
    return d ? { id: d.id } : null;
  }

  /** Codes of the carriers Loa may send through now. */
  async enabledCarrierCodes(): Promise<string[]> {
    return (await this.enabledCarriers()).map((c) => c.code);
  }

  /** The carriers Loa may send through now, with the rules their rows set (sender name, connection). */
  async enabledCarriers(): Promise<CarrierRules[]> {
    const carriers = await this.dataSource.getRepository(CarrierEntity).find({ where: { enabled: true } });
    return carriers.map((c) => ({ code: c.code, senderName: c.senderName, connection: c.connection }));
  }

  /** The organisation's agencies with one of these codes or in one of these groups. */
  async agencies(organizationId: string, codes: string[], groups: string[]): Promise<AgencyReference[]> {
    const found = await this.dataSource.getRepository(AgencyEntity).find({
      where: [
        { organizationId, code: In(codes) },
        { organizationId, groupCode: In(groups) },
      ],
    });
    return found.map((a) => ({ code: a.code, groupCode: a.groupCode }));
  }

  /** Which of these portal codes the organisation has. */
  async portalCodes(organizationId: string, codes: string[]): Promise<string[]> {
    const found = await this.dataSource
      .getRepository(PortalEntity)
      .find({ where: { organizationId, code: In(codes) } });
    return found.map((p) => p.code);
  }

  /** The organisation's uploaded banner images of these ids, with the standard size of each. */
  async bannerImages(organizationId: string, ids: string[]): Promise<Array<{ id: string; size: string }>> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, size FROM banner_images WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
  }

  /** Which of these station codes the organisation has. */
  async stationCodes(organizationId: string, codes: string[]): Promise<string[]> {
    const found = await this.dataSource
      .getRepository(StationEntity)
      .find({ where: { organizationId, code: In(codes) } });
    return found.map((s) => s.code);
  }

  /** The organisation's unit code and its province as written (either may be missing). */
  async organizationPlace(organizationId: string): Promise<{ unit: string | null; province: string | null }> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: organizationId } });
    return { unit: org?.adminUnitCode ?? null, province: org?.province ?? null };
  }

  /** Where the organisation and its stations, portals and agencies sit (unit codes), for a campaign's area. */
  async places(organizationId: string): Promise<DirectoryPlaces> {
    const place = await this.organizationPlace(organizationId);
    const stations: Array<{ code: string; unit: string | null; parent_code: string | null }> =
      await this.dataSource.query(
        `SELECT s.code, s.admin_unit_code AS unit, p.code AS parent_code FROM stations s
         LEFT JOIN stations p ON p.id = s.parent_id WHERE s.organization_id = $1 ORDER BY s.code`,
        [organizationId],
      );
    const portals = await this.dataSource.getRepository(PortalEntity).find({ where: { organizationId } });
    const agencies = await this.dataSource.getRepository(AgencyEntity).find({ where: { organizationId } });
    return {
      organizationUnit: place.unit,
      organizationProvince: place.province,
      stations: stations.map((s) => ({ code: s.code, unit: s.unit, parentCode: s.parent_code })),
      portals: portals.map((p) => ({ code: p.code, unit: p.adminUnitCode })),
      agencies: agencies.map((a) => ({ code: a.code, groupCode: a.groupCode, unit: a.adminUnitCode })),
    };
  }
}
