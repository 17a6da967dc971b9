// Compresses the console's built assets once, at build time: next to each file of dist/console/assets worth it, a
// Brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy. The API then sends a browser the smallest copy it
// accepts (apps/api/src/http/console-static.ts) instead of gzipping the same megabyte for every visitor: Brotli at
// its best is too slow to run per request, and ~17 % smaller than gzip on this bundle.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist/console/assets';
/** Text formats only: images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.html', '.txt', '.map']);
/** Below this a response fits one packet anyway. */
const MIN_BYTES = 1024;

let raw = 0;
let br = 0;
let gz = 0;
for (const name of readdirSync(dir)) {
  if (!COMPRESSIBLE.has(extname(name))) continue;
  const path = join(dir, name);
  const body = readFileSync(path);
  if (body.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gzip = gzipSync(body, { level: 9 });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzip);
  raw += body.length;
  br += brotli.length;
  gz += gzip.length;
}
const kib = (n) => `${Math.round(n / 1024)} KiB`;
console.log(`console assets: ${kib(raw)} → ${kib(br)} Brotli, ${kib(gz)} gzip`);
