import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The project's `config/` folder (data kept out of code: carrier prefixes, demo directory). */
export function configDir(): string {
  // Works from libs/config/src (ts-jest) and dist/libs/config/src (built).
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'config', 'carrier-prefixes.json');
    try {
      readFileSync(candidate);
      return join(dir, 'config');
    } catch {
      dir = join(dir, '..');
    }
  }
  throw new Error('Cannot find the config/ folder (config/carrier-prefixes.json)');
}

export function readConfigJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(configDir(), relativePath), 'utf8'));
}

/** The project's `assets/` folder (fonts bundled for the PDFs Loa writes), beside `config/`. */
export function assetsDir(): string {
  return join(configDir(), '..', 'assets');
}
