// Route shapes of the meeting cycle's features (plan, meetings, tasks): platform/routes.ts's builders with the
// meeting cycle's words for write errors, and a file answer.
import type { Context } from 'hono';
import { todayIso } from '../../../domain/dates.ts';
import { type AppEnv, requestMeta, writeErrorsOf } from '../../platform/http.ts';
import { idParams, reads, routesOf as platformRoutesOf, who } from '../../platform/routes.ts';

export { idParams, reads, who };

export const writeErrors = writeErrorsOf(
  'Conflict: already done, or edited by someone else',
  'Not allowed in the meeting’s current state',
);

export const meta = requestMeta;
export const originOf = (ctx: Context<AppEnv>) => new URL(ctx.req.url).origin;
export const yearOr = (year: number | undefined) => year ?? Number(todayIso().slice(0, 4));

/** The route builders of one OpenAPI tag of the meeting cycle (platform/routes.ts, with its write errors). */
export const routesOf = (tag: string) => platformRoutesOf(tag, writeErrors);

/** A file as a download that is never cached. */
export function fileResponse(f: { content: Uint8Array; fileName: string; mimeType: string }) {
  return new Response(Buffer.from(f.content), {
    headers: {
      'content-type': f.mimeType,
      'content-disposition': `attachment; filename="${f.fileName.replace(/[^\w.-]+/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      'cache-control': 'no-store',
    },
  });
}
