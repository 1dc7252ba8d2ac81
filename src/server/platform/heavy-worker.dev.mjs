// Loads the TypeScript worker entry through tsx when the server runs from source (tsx, vitest): Node 20's worker
// threads do not take over the main thread's module hooks. The production bundle runs heavy-worker.js directly.
import { tsImport } from 'tsx/esm/api';

const entry = await tsImport('./heavy-worker.ts', import.meta.url);
export default entry.default;
