// Route shapes shared by every feature: a read, a JSON write, an action without a body, a file answer, each under
// one OpenAPI tag with the feature's own words for its write errors. They keep each route a few lines.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';
import { uuid } from '../../contracts/common.ts';
import {
  type AppEnv,
  commonErrors,
  jsonBodyOf,
  jsonResponseOf,
  requireActor,
  type writeErrorsOf,
} from './http.ts';
import type { Reader } from './db.ts';

export const idParams = z.object({ id: uuid });

/** The database and the signed-in actor, as every service function takes them first. */
export const who = (ctx: Context<AppEnv>) => [ctx.get('db'), requireActor(ctx)] as const;

/**
 * The reader (ADR 012) and the signed-in actor, for a read-only page that may lag the primary by a moment:
 * lists, dashboards, exports, record books. Not for the answer to a write, the session, the check-in or the room.
 */
export const reads = (ctx: Context<AppEnv>) => [readerOf(ctx), requireActor(ctx)] as const;

/** Set for REPLICA_STICKY_SECONDS after a write, so the browser that wrote reads from the primary meanwhile. */
export const wroteCookie = 'chibo_wrote';

/** The replica, unless this browser wrote within REPLICA_STICKY_SECONDS: then the primary, to see its writes. */
export function readerOf(ctx: Context<AppEnv>): Reader {
  const db = ctx.get('db');
  if (db.reader.target !== 'replica' || !getCookie(ctx, wroteCookie)) return db.reader;
  return { target: 'primary', query: (sql, params) => db.query(sql, params) };
}

/** After a successful write, while a replica is configured: mark the browser for reading its own writes. */
export const markWrites: MiddlewareHandler<AppEnv> = async (ctx, next) => {
  await next();
  const seconds = ctx.get('config').REPLICA_STICKY_SECONDS;
  if (['GET', 'HEAD', 'OPTIONS'].includes(ctx.req.method) || ctx.res.status >= 400 || seconds === 0) return;
  if (ctx.get('db').reader?.target !== 'replica') return;
  const cookie = generateCookie(wroteCookie, '1', {
    path: '/api',
    httpOnly: true,
    sameSite: 'Lax',
    secure: ctx.get('config').COOKIE_SECURE === 'on',
    maxAge: seconds,
  });
  // On the finished answer's own headers: setCookie here would make Hono wrap the body in a new Response, and
  // a body already cloned (the contract check) is then cancelled when the old Response is garbage-collected.
  ctx.res.headers.append('set-cookie', cookie);
};

/** The route builders of one OpenAPI tag, whose writes answer `writeErrors` (see writeErrorsOf). */
export function routesOf(tag: string, writeErrors: ReturnType<typeof writeErrorsOf>) {
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
