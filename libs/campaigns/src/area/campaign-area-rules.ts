import { AdminUnit, AdminUnitMap, Day, liesWithin, provinceNamed, resolveArea } from '@loa/admin-units';
import type { ChannelPlansInput } from '../channel-plans';

/** Where the organisation's directory entries sit (unit codes of config/admin-units; null = the organisation's). */
export interface DirectoryPlaces {
  organizationUnit: string | null;
  /** The organisation's province as written when no unit code is recorded ("Sóc Trăng"): read on the map. */
  organizationProvince: string | null;
  stations: Array<{ code: string; unit: string | null; parentCode: string | null }>;
  portals: Array<{ code: string; unit: string | null }>;
  agencies: Array<{ code: string; groupCode: string; unit: string | null }>;
}

export interface AreaProblem {
  field: string;
  message: string;
}

export interface AreaCheck {
  problems: AreaProblem[];
  /** The stations a radio plan without stations gets: those in the area that no other chosen station relays to. */
  radioStationCodes: string[] | null;
  /** The carrier orders with their unit's official name beside its code (what carriers and notices show). */
  carrierOrders: Array<{ carrierCode: string; area: string; areaName: string }> | null;
  /**
   * An e-mail plan's recipients narrowed to the area: a group whose members all lie within it stays a group; a
   * group with members outside is replaced by its members within (listed among agencyCodes). Null when unchanged.
   */
  email: { agencyCodes: string[]; agencyGroups: string[] } | null;
}

/**
 * The province an organisation speaks for, on a day: its unit code's province, or its province as written
 * ("Sóc Trăng" → today's Cần Thơ); null when neither is known.
 */
export function organizationProvince(
  map: AdminUnitMap,
  place: { unit: string | null; province: string | null },
  day: Day,
): AdminUnit | null {
  const unit = place.unit ? map.unit(place.unit, day) : null;
  const found = unit ?? (place.province ? provinceNamed(map, place.province, day) : null);
  return found ? map.provinceOf(found) : null;
}

/**
 * A campaign's channels against its area. Carrier orders always name a unit in force (a carrier cannot act on a
 * former district); with an area, every station, portal, agency and carrier order must lie within it (a campaign
 * for two communes reaches only them), a radio plan that names no station gets the area's stations, and an agency
 * group reaches only its members within the area.
 */
export function checkCampaignArea(
  map: AdminUnitMap,
  area: readonly AdminUnit[],
  day: Day,
  places: DirectoryPlaces,
  channels: ChannelPlansInput,
): AreaCheck {
  const problems: AreaProblem[] = [];
  // Entries without a unit sit where their organisation does: its unit code, or its province as written.
  const organizationUnit =
    places.organizationUnit ??
    organizationProvince(map, { unit: null, province: places.organizationProvince }, day)?.code ??
    null;
  const within = (unit: string | null) => area.length === 0 || liesWithin(map, unit ?? organizationUnit, area, day);
  const outside = (
    field: string,
    label: { vi: string; en: string },
    all: Array<{ code: string; unit: string | null }>,
    codes: string[],
  ) => {
    const out = all.filter((p) => codes.includes(p.code) && !within(p.unit)).map((p) => p.code);
    if (out.length)
      problems.push({
        field,
        message: `${label.vi} ngoài khu vực của chiến dịch / ${label.en} outside the campaign's area: ${out.join(', ')}`,
      });
  };

  const carrierOrders = channels.sms?.carrierOrders ? ([] as NonNullable<AreaCheck['carrierOrders']>) : null;
  (channels.sms?.carrierOrders ?? []).forEach((order, i) => {
    const field = `channels.sms.carrierOrders[${i}].area`;
    const resolved = resolveArea(map, [order.area], day);
    if (resolved.units.length)
      carrierOrders?.push({ carrierCode: order.carrierCode, area: order.area, areaName: resolved.units[0].name });
    if (resolved.problems.length) problems.push({ field, message: resolved.problems[0] });
    else if (area.length && !liesWithin(map, order.area, area, day))
      problems.push({ field, message: `${order.area} ngoài khu vực của chiến dịch / is outside the campaign's area` });
  });

  let radioStationCodes: string[] | null = null;
  const radio = channels.radio;
  if (radio && radio.stationCodes.length === 0) {
    const inArea = area.length ? places.stations.filter((s) => within(s.unit)) : [];
    const chosen = new Set(inArea.map((s) => s.code));
    radioStationCodes = inArea
      .filter((s) => !s.parentCode || !chosen.has(s.parentCode))
      .map((s) => s.code)
      .sort();
    if (!radioStationCodes.length)
      problems.push({
        field: 'channels.radio.stationCodes',
        message: area.length
          ? 'không có đài nào trong khu vực của chiến dịch / no station lies in the campaign’s area'
          : 'chọn đài hoặc đặt khu vực cho chiến dịch / pick stations or set the campaign’s area',
      });
  } else if (radio && area.length)
    outside('channels.radio.stationCodes', { vi: 'đài', en: 'stations' }, places.stations, radio.stationCodes);

  if (area.length && channels.banner?.portalCodes)
    outside('channels.banner.portalCodes', { vi: 'cổng', en: 'portals' }, places.portals, channels.banner.portalCodes);
  let email: AreaCheck['email'] = null;
  if (area.length && channels.email) {
    const named = channels.email.agencyCodes ?? [];
    const groups = channels.email.agencyGroups ?? [];
    outside('channels.email.agencyCodes', { vi: 'cơ quan', en: 'agencies' }, places.agencies, named);
    const kept: string[] = [];
    const members = new Set(named);
    const empty: string[] = [];
    for (const group of groups) {
      const inGroup = places.agencies.filter((a) => a.groupCode === group);
      const inArea = inGroup.filter((a) => within(a.unit));
      if (inGroup.length && !inArea.length) empty.push(group);
      else if (inArea.length === inGroup.length) kept.push(group);
      else for (const a of inArea) members.add(a.code);
    }
    if (empty.length)
      problems.push({
        field: 'channels.email.agencyGroups',
        message: `không có cơ quan nào của nhóm trong khu vực của chiến dịch / no agency of these groups lies in the campaign's area: ${empty.join(', ')}`,
      });
    if (kept.length !== groups.length) email = { agencyCodes: [...members].sort(), agencyGroups: kept };
  }
  return { problems, radioStationCodes, carrierOrders, email };
}
