// Route shapes shared by every feature: a read, a JSON write, an action without a body, a file answer, each under
// one OpenAPI tag with the feature's own words for its write errors. They keep each route a few lines.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { uuid } from '../../contracts/common.ts';
import {
  type AppEnv,
  commonErrors,
  jsonBodyOf,
  jsonResponseOf,
  requireActor,
  type writeErrorsOf,
} from './http.ts';

export const idParams = z.object({ id: uuid });

/** The database and the signed-in actor, as every service function takes them first. */
export const who = (ctx: Context<AppEnv>) => [ctx.get('db'), requireActor(ctx)] as const;

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
