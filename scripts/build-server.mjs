// Bundles the server (src/server/main.ts and the CLI) into dist/server so `npm start` skips on-the-fly TypeScript.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/server/main.ts', 'verify-audit': 'src/server/cli/verify-audit.ts' },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
