// Bundles the server (src/server/main.ts, the worker pool's entry and the CLI) into dist/server so `npm start`
// skips on-the-fly TypeScript. The worker entry must sit next to main.js: platform/worker-pool.ts looks for
// ./heavy-worker.js beside the bundle that runs it.
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/server/main.ts',
    'heavy-worker': 'src/server/platform/heavy-worker.ts',
    'verify-audit': 'src/server/cli/verify-audit.ts',
    backup: 'src/server/cli/backup.ts',
    restore: 'src/server/cli/restore.ts',
  },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
