import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The operators' console: a React single-page app that the API serves at `/` (see apps/api/src/http/console-static.ts).
 * Everything is bundled: nothing is fetched from a CDN at run time (government networks may not reach one).
 * Pure rules shared with the server (SMS encoding and segments, the campaign status machine) are imported from libs/.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  resolve: {
    alias: {
      '@loa/sms-text': here('../../libs/sms/src/text/index.ts'),
      '@loa/campaign-status': here('../../libs/common/src/campaign-status.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    rollupOptions: {
      // antd marks its modules "use client" for React Server Components; a client-only bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
