// Builds the web app from src/web into dist/web; in development, /api goes to the local server.
// Pages are split by route (src/web/router.tsx); the libraries every page needs sit in a few vendor chunks so a
// page change does not invalidate them. Each hashed asset is written precompressed (.br and .gz) next to itself,
// for src/server/platform/static.ts to serve; the manifest lets scripts/check-bundle-budget.ts weigh each page.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = '../../dist/web';

/** Writes name.br (brotli, best) and name.gz (gzip, best) beside every text asset of the build. */
function precompress(): Plugin {
  let dir = '';
  return {
    name: 'chibo:precompress',
    apply: 'build',
    configResolved(config) {
      dir = join(resolve(config.root, config.build.outDir), config.build.assetsDir);
    },
    closeBundle() {
      for (const name of readdirSync(dir)) {
        if (!/\.(js|css|svg|json|txt|map)$/.test(name)) continue;
        const data = readFileSync(join(dir, name));
        const br = brotliCompressSync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        });
        writeFileSync(join(dir, `${name}.br`), br);
        writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
      }
    },
  };
}

/** The vendor chunk a library belongs to (shared by every page, cached across deploys that do not touch it). */
const vendors: [name: string, test: RegExp][] = [
  ['react', /node_modules[\\/](react|react-dom|scheduler)[\\/]/],
  [
    'tanstack',
    /node_modules[\\/]@tanstack[\\/](react-router|router-core|history|store|react-store|react-query|query-core)[\\/]/,
  ],
  ['i18n', /node_modules[\\/](i18next|react-i18next)[\\/]/],
  [
    'mantine',
    /node_modules[\\/](@mantine[\\/](core|hooks|notifications|store)|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|react-transition-group|react-number-format|react-textarea-autosize|clsx|tslib|get-nonce|detect-node-es)[\\/]/,
  ],
];

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendors.map(([name, test], i) => ({
            name,
            test,
            priority: vendors.length - i,
            // Only what the first screen needs: a library part used by one lazy page stays with that page.
            tags: ['$initial'],
          })),
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
