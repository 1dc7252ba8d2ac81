// Route shapes shared by the meeting cycle's features (plan, meetings, tasks): a read, a JSON write, an action
// without a body, a file answer. They keep each route a few lines.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { uuid } from '../../../contracts/common.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  type AppEnv,
  commonErrors,
  jsonBodyOf,
  jsonResponseOf,
  requestMeta,
  requireActor,
  writeErrorsOf,
} from '../../platform/http.ts';

export const idParams = z.object({ id: uuid });

export const writeErrors = writeErrorsOf(
  'Conflict: already done, or edited by someone else',
  'Not allowed in the meeting’s current state',
);

/** The database and the signed-in actor, as every service function takes them first. */
export const who = (ctx: Context<AppEnv>) => [ctx.get('db'), requireActor(ctx)] as const;
export const meta = requestMeta;
export const originOf = (ctx: Context<AppEnv>) => new URL(ctx.req.url).origin;
export const yearOr = (year: number | undefined) => year ?? Number(todayIso().slice(0, 4));

/** The route builders of one OpenAPI tag. */
export function routesOf(tag: string) {
  return {
    /** A GET answering JSON. */
    read<R extends z.ZodType, Q extends { params?: z.ZodObject; query?: z.ZodObject }>(
      path: string,
      summary: string,
      request: Q,
      response: R,
    ) {
      return createRoute({
        method: 'get',
        path,
        tags: [tag],
        summary,
        request,
        responses: { 200: jsonResponseOf(response), ...commonErrors },
      });
    },
    /** A GET answering a file. */
    file<P extends z.ZodObject>(path: string, summary: string, params: P, description = 'The document') {
      return createRoute({
        method: 'get',
        path,
        tags: [tag],
        summary,
        request: { params },
        responses: { 200: { description }, ...commonErrors },
      });
    },
    /** A POST/PUT/PATCH with a JSON body answering JSON. */
    write<P extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(
      method: 'post' | 'put' | 'patch',
      path: string,
      summary: string,
      params: P,
      body: B,
      response: R,
    ) {
      return createRoute({
        method,
        path,
        tags: [tag],
        summary,
        request: { params, ...jsonBodyOf(body) },
        responses: { 200: jsonResponseOf(response), ...writeErrors },
      });
    },
    /** A POST without a body answering JSON. */
    act<P extends z.ZodObject, R extends z.ZodType>(path: string, summary: string, params: P, response: R) {
      return createRoute({
        method: 'post',
        path,
        tags: [tag],
        summary,
        request: { params },
        responses: { 200: jsonResponseOf(response), ...writeErrors },
      });
    },
  };
}

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
