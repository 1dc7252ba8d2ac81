// HTTP plumbing shared by every feature: the app's context type, error mapping, validation hook, auth guards.
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ErrorCode, errorCodes, errorResponse, type ErrorResponse } from '../../contracts/errors.ts';
import type { Actor } from '../../domain/permissions.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { AppError, mapDatabaseError } from './errors.ts';
import { logger } from './logger.ts';

export interface SessionInfo {
  tokenHash: string;
  accountId: string;
}

export type AppEnv = {
  Variables: {
    db: Database;
    config: Config;
    session: SessionInfo | null;
    actor: Actor | null;
    ip: string | null;
  };
};

export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    // zod failures become one 400 that names each field and the rule it broke.
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(
          'validation_failed',
          'Dữ liệu không hợp lệ',
          result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
        );
      }
    },
  });

export function errorBody(
  code: ErrorCode,
  message?: string,
  issues?: ErrorResponse['error']['issues'],
): ErrorResponse {
  return { error: { code, message: message ?? errorCodes[code].vi, ...(issues?.length ? { issues } : {}) } };
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const mapped = mapDatabaseError(err);
  if (mapped instanceof AppError) {
    return c.json(errorBody(mapped.code, mapped.message, mapped.issues), errorCodes[mapped.code].status);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return c.json(errorBody('payload_too_large'), 413);
    if (err.status === 400) return c.json(errorBody('validation_failed', err.message || undefined), 400);
    return c.json(errorBody(err.status === 404 ? 'not_found' : 'internal'), err.status);
  }
  if (err instanceof SyntaxError)
    return c.json(errorBody('validation_failed', 'Nội dung JSON không hợp lệ'), 400);
  logger.error('unhandled error', {
    path: c.req.path,
    error: err instanceof Error ? err.stack : String(err),
  });
  return c.json(errorBody('internal'), 500);
};

/** The signed-in actor, or a 401. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

/** OpenAPI response entries shared by every feature's routes. */
export const errorResponseOf = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorResponse } },
});
export const jsonResponseOf = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
export const commonErrors = {
  400: errorResponseOf('Invalid input'),
  401: errorResponseOf('Not signed in'),
  404: errorResponseOf('Not found or not visible'),
};

/** The JSON request body of a write route. */
export const jsonBodyOf = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Error responses of a write route: the common ones, 403, and what 409 and 422 mean for its resource. */
export const writeErrorsOf = (conflict: string, invalidState: string) => ({
  ...commonErrors,
  403: errorResponseOf('Not allowed'),
  409: errorResponseOf(conflict),
  422: errorResponseOf(invalidState),
});

/** What a service records about the request (the client address, for the audit log). */
export const requestMeta = (c: Context<AppEnv>) => ({ ip: c.get('ip') });
