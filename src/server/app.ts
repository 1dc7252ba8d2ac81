// Builds the HTTP application: API routes under /api, the OpenAPI document, and the built web app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRoute } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { healthResponse } from '../contracts/auth.ts';
import { message } from '../messages/index.ts';
import { createAuthCache } from './features/auth/auth-cache.ts';
import { authRoutes, sessionGate, sessionMiddleware } from './features/auth/auth.routes.ts';
import { evaluationRoutes } from './features/evaluation/evaluation.routes.ts';
import { meetingRoomRoutes } from './features/meeting-room/meeting-room.routes.ts';
import { meetingRoutes } from './features/meetings/meetings.routes.ts';
import { memberRoutes } from './features/members/members.routes.ts';
import { scoringRoutes } from './features/scoring/scoring.routes.ts';
import { organizationRoutes } from './features/organizations/organizations.routes.ts';
import { planRoutes } from './features/plan/plan.routes.ts';
import { ruleSetRoutes } from './features/rule-sets/rule-sets.routes.ts';
import { rosterImportRoutes } from './features/roster-import/roster-import.routes.ts';
import { taskRoutes } from './features/tasks/tasks.routes.ts';
import type { Config } from './platform/config.ts';
import { type Database, ping } from './platform/db.ts';
import { AppError, fieldError } from './platform/errors.ts';
import { type AppEnv, createRouter, errorBody, onError } from './platform/http.ts';
import { projectRoot } from './platform/paths.ts';
import { markWrites } from './platform/routes.ts';
import { securityHeaders } from './platform/security-headers.ts';
import { serveWebApp } from './platform/static.ts';

export const appVersion: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;

const webRoot = join(projectRoot, 'dist', 'web');

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/** Whether an Origin header names this server: same scheme, host and port ('null' and malformed origins do not). */
export function isOwnOrigin(origin: string, host: string, protocol: string): boolean {
  try {
    const o = new URL(origin);
    return o.host === host && o.protocol === protocol;
  } catch {
    return false;
  }
}

/** Throws a 400 naming the first field (dotted path) whose text holds a NUL character. */
function rejectNul(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      throw fieldError('validation_failed', path || '(body)', 'request.nul_character');
  } else if (value instanceof File) {
    rejectNul(value.name, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => rejectNul(v, path ? `${path}.${i}` : String(i)));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      rejectNul(k, path); // a field's own name
      rejectNul(v, path ? `${path}.${k}` : k);
    }
  }
}

/**
 * PostgreSQL cannot store a NUL character: refuse it at the edge, naming the field, instead of failing later.
 * Query parameters, JSON bodies, and the text fields and file names of a form. The body is read through Hono's
 * body cache, so the route's own validator reads the same parse afterwards.
 */
const rejectNulInRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  for (const [name, values] of Object.entries(c.req.queries())) rejectNul(values.join(''), name);
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^application\/([\w.-]+\+)?json$/.test(type)) {
    rejectNul(await c.req.json().catch(() => undefined), '');
  } else if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
    const form = await c.req.parseBody({ all: true }).catch(() => {
      throw new AppError('validation_failed', message('request.invalid_form'));
    });
    rejectNul(form, '');
  }
  await next();
};

/**
 * Refuses a body larger than `maxSize` with a 413. A body of a declared length (almost every request) is judged by
 * its Content-Length without touching it, so the route reads it straight from the socket; Hono's bodyLimit, used
 * for the rest (chunked bodies), makes the request a web stream first, which costs every request that has a body
 * (issue 10.1). A GET or HEAD has no body.
 */
function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>) => c.json(errorBody('payload_too_large'), 413);
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > maxSize ? tooLarge(c) : next();
    }
    return streamed(c, next);
  };
}

export function createApp(db: Database, config: Config) {
  const api = createRouter();
  api.use('*', async (c, next) => {
    c.set('db', db);
    c.set('config', config);
    c.set('ip', clientAddress(c));
    // Cookie-authenticated writes must come from our own pages: reject cross-site origins.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (
        origin &&
        host &&
        !isOwnOrigin(origin, host, config.COOKIE_SECURE === 'on' ? 'https:' : new URL(c.req.url).protocol)
      ) {
        throw new AppError('forbidden', message('request.cross_origin'));
      }
    }
    await next();
  });
  api.use('*', limitBody(30 * 1024 * 1024));
  // Before the session: a write that signs in or out still marks the browser for reading its writes (ADR 012).
  api.use('*', markWrites);
  api.use('*', sessionMiddleware(createAuthCache(db)));
  // Without a session, a protected route answers 401 before anything reads its input.
  api.use('*', sessionGate);
  api.use('*', rejectNulInRequest);
  api.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['system'],
      summary: 'Liveness, database kind and version',
      responses: { 200: { description: 'OK', content: { 'application/json': { schema: healthResponse } } } },
    }),
    async (c) => {
      await ping(db);
      // Which server process answered (several share the port, issue 10.2): for operators and the tests.
      c.header('x-server-process', String(process.pid));
      return c.json({ status: 'ok' as const, database: db.kind, version: appVersion }, 200);
    },
  );
  api.route('/', authRoutes);
  api.route('/', organizationRoutes);
  api.route('/', ruleSetRoutes);
  api.route('/', planRoutes);
  api.route('/', meetingRoutes);
  api.route('/', meetingRoomRoutes);
  api.route('/', taskRoutes);
  api.route('/', scoringRoutes);
  api.route('/', evaluationRoutes);
  // Before memberRoutes: /members/export.xlsx must not be taken for /members/{id}.
  api.route('/', rosterImportRoutes);
  api.route('/', memberRoutes);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Chi bộ số API',
      version: appVersion,
      description: 'API of Chi bộ số, the digital party cell',
    },
  });
  api.onError(onError);

  const app = createRouter();
  // Around everything (API, pages, static files), so every answer carries them, errors included.
  app.use('*', securityHeaders(config));
  app.route('/api', api);
  app.all('/api/*', (c) => c.json(errorBody('not_found'), 404));
  app.onError(onError);
  serveWebApp(app, webRoot);
  return app;
}
