import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '@loa/config';
import { AdminUnitMap, parseSuccessionsCsv, parseUnitsCsv, parseUnitsManifest, UnitsManifest } from './map';

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
