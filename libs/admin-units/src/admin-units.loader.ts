import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '@loa/config';
import { AdminUnitMap, parseSuccessionsCsv, parseUnitsCsv, parseUnitsManifest, UnitsManifest } from './map';
import { OrganizationLineage, parseLineageCsv } from './organizations';

export interface LoadedAdminUnits {
  map: AdminUnitMap;
  manifest: UnitsManifest;
}

let cached: LoadedAdminUnits | null = null;

/**
 * config/admin-units (units.csv, successions.csv, manifest.json), read once per process and checked against the
 * official totals; throws with every problem found, so a process with a broken map does not start.
 */
export function loadAdminUnits(dir = join(configDir(), 'admin-units')): LoadedAdminUnits {
  if (cached && dir === join(configDir(), 'admin-units')) return cached;
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  const manifest = parseUnitsManifest(JSON.parse(read('manifest.json')));
  const map = AdminUnitMap.from(
    parseUnitsCsv(read('units.csv')),
    parseSuccessionsCsv(read('successions.csv')),
    manifest.dataStarts,
  );
  const problems = map.check(manifest.totals);
  if (problems.length) {
    const shown = problems
      .slice(0, 20)
      .map((p) => `  - ${p}`)
      .join('\n');
    throw new Error(`${dir}: ${problems.length} problem(s) in the administrative units\n${shown}`);
  }
  const loaded = { map, manifest };
  if (dir === join(configDir(), 'admin-units')) cached = loaded;
  return loaded;
}

const lineages = new WeakMap<AdminUnitMap, OrganizationLineage>();

/**
 * config/organizations/lineage.csv over the map, read once per map and checked (every successor listed and in
 * force the day after its predecessor ends, every province known); throws with every problem found.
 */
export function loadOrganizationLineage(
  map: AdminUnitMap = loadAdminUnits().map,
  file = join(configDir(), 'organizations', 'lineage.csv'),
): OrganizationLineage {
  const known = lineages.get(map);
  if (known && file === join(configDir(), 'organizations', 'lineage.csv')) return known;
  const lineage = OrganizationLineage.from(map, parseLineageCsv(readFileSync(file, 'utf8')));
  const problems = lineage.check();
  if (problems.length)
    throw new Error(
      `${file}: ${problems.length} problem(s) in the organisations\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  if (file === join(configDir(), 'organizations', 'lineage.csv')) lineages.set(map, lineage);
  return lineage;
}
