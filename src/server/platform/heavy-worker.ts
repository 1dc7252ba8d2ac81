// The worker pool's entry (platform/worker-pool.ts): the heavy jobs by name. Each takes plain data read from the
// database on the request path and returns plain data or the bytes of a file; nothing here touches the database.
// Bundled as dist/server/heavy-worker.js by scripts/build-server.mjs; under tsx and vitest it is loaded through
// heavy-worker.dev.mjs.
import { renderDocx } from '../features/documents/render-docx.ts';
import type { PartyDocument } from '../features/documents/party-document.ts';
import { renderPdf } from '../features/documents/render-pdf.ts';
import {
  readSheets,
  type RosterWorkbook,
  writeRosterWorkbook,
} from '../features/roster-import/roster-sheets.ts';

/** A Buffer as a view of exactly its bytes (a small Buffer is a slice of a shared pool). */
const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export const heavyJobs = {
  renderPdf: async (docs: PartyDocument[]) => bytesOf(await renderPdf(docs)),
  renderDocx: async (docs: PartyDocument[]) => bytesOf(await renderDocx(docs)),
  readSheets,
  writeRosterWorkbook: (spec: RosterWorkbook) => writeRosterWorkbook(spec),
};

export type HeavyJobs = typeof heavyJobs;
export type HeavyJob = keyof HeavyJobs;

export default async function run(task: { job: HeavyJob; input: unknown }): Promise<unknown> {
  const fn = heavyJobs[task.job] as (input: unknown) => unknown;
  if (typeof fn !== 'function') throw new Error(`unknown heavy job ${String(task.job)}`);
  return fn(task.input);
}
