// Routes of sign-in, the current actor, sessions and passwords.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  assignRoleBody,
  changePasswordBody,
  endRoleBody,
  loginBody,
  meResponse,
  resetPasswordBody,
  roleAssignmentList,
  sessionListResponse,
} from '../../../contracts/auth.ts';
import { okResponse, uuid } from '../../../contracts/common.ts';
import { errorResponse } from '../../../contracts/errors.ts';
import { message } from '../../../messages/index.ts';
import { AppError } from '../../platform/errors.ts';
import { type AppEnv, createRouter, requireActor } from '../../platform/http.ts';
import * as members from '../members/members.service.ts';
import type { AuthCache } from './auth-cache.ts';
import * as service from './auth.service.ts';
import * as roles from './role-assignments.service.ts';

export const sessionCookie = 'chibo_session';

const errors = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: errorResponse } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: errorResponse } } },
} as const;

export function requestMeta(c: Context<AppEnv>): service.RequestMeta {
  return { ip: c.get('ip'), userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}

/**
 * The first part of the API paths whose writes may change sessions, accounts, roles, memberships, positions or
 * organisations: after such a write the process waits for the change to reach its own session cache (`settle`), so
 * the next request it serves sees it. Other writes (a check-in, a vote, minutes) change nothing the cache holds.
 */
const authDataRoots: ReadonlySet<string> = new Set([
  'auth',
  'me',
  'members',
  'organizations',
  'role-assignments',
  'committees',
  'positions',
  'reorganizations',
  'roster-imports',
]);

/**
 * Reads the session cookie and puts the session and the actor on the context (both null when absent), from the
 * process's cache of sessions and actors (auth-cache.ts) when they are there.
 */
export function sessionMiddleware(cache: AuthCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('session', null);
    c.set('actor', null);
    const token = getCookie(c, sessionCookie);
    if (token) {
      const session = await cache.session(token, c.get('config').SESSION_DAYS);
      if (session) {
        c.set('session', session);
        c.set('actor', await cache.actor(session.accountId));
      }
    }
    await next();
    if (changesAuthData(c)) await cache.settle();
  };
}

/** Whether the request was a write to a path under `authDataRoots` (/api/<root>/…). */
const changesAuthData = (c: Context<AppEnv>) =>
  c.req.method !== 'GET' && c.req.method !== 'HEAD' && authDataRoots.has(c.req.path.split('/')[2] ?? '');

/**
 * The API routes anyone may call without a session, as the router names them (method and path under /api):
 * liveness, the OpenAPI document, signing in and out, and the calendar feed (its secret token in the path is its
 * authorisation: calendar apps cannot send the session cookie). Every other route is protected.
 */
export const publicRoutes: ReadonlySet<string> = new Set([
  'GET /health',
  'GET /openapi.json',
  'POST /auth/login',
  'POST /auth/logout',
  'GET /calendar/:file',
]);

/**
 * Answers 401 to a request without a session for any route not in `publicRoutes`, before the route reads its
 * input, so that nothing about a protected route's validation is shown to an anonymous caller. A path that no
 * route matches falls through to the JSON 404.
 */
export const sessionGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('actor')) {
    const route = c.req.matchedRoutes.find((r) => r.method !== 'ALL' && /^\/api\/./.test(r.path));
    if (route && !publicRoutes.has(`${route.method} ${route.path.slice('/api'.length)}`)) {
      throw new AppError('unauthenticated');
    }
  }
  await next();
};

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in with phone, email or party card number and a password; sets the session cookie',
      request: { body: { content: { 'application/json': { schema: loginBody } }, required: true } },
      responses: {
        200: { description: 'Signed in', content: { 'application/json': { schema: meResponse } } },
        ...errors,
        429: {
          description: 'Temporarily locked',
          content: { 'application/json': { schema: errorResponse } },
        },
      },
    }),
    async (c) => {
      const db = c.get('db');
      const config = c.get('config');
      const result = await service.login(db, c.req.valid('json'), requestMeta(c), config.SESSION_DAYS);
      setCookie(c, sessionCookie, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.COOKIE_SECURE === 'on',
        path: '/',
        expires: result.expiresAt,
      });
      const actor = await service.resolveActor(db, result.accountId);
      return c.json(await service.getMe(db, actor!), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'End the current session',
      responses: {
        200: { description: 'Signed out', content: { 'application/json': { schema: okResponse } } },
      },
    }),
    async (c) => {
      const session = c.get('session');
      if (session) await service.logout(c.get('db'), session.tokenHash, requestMeta(c));
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The signed-in actor, their member record and roles',
      responses: {
        200: { description: 'Actor', content: { 'application/json': { schema: meResponse } } },
        ...errors,
      },
    }),
    async (c) => c.json(await service.getMe(c.get('db'), requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/sessions',
      tags: ['auth'],
      summary: "The actor's live sessions",
      responses: {
        200: { description: 'Sessions', content: { 'application/json': { schema: sessionListResponse } } },
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const sessions = await service.listSessions(c.get('db'), actor, c.get('session')!.tokenHash);
      return c.json({ sessions }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/auth/sessions/{id}',
      tags: ['auth'],
      summary: 'Revoke one of the actor’s sessions',
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }) },
      responses: {
        200: { description: 'Revoked', content: { 'application/json': { schema: okResponse } } },
        ...errors,
        404: { description: 'No such session', content: { 'application/json': { schema: errorResponse } } },
      },
    }),
    async (c) => {
      await service.revokeSession(c.get('db'), requireActor(c), c.req.valid('param').id, requestMeta(c));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['auth'],
      summary: 'Change one’s own password; other sessions are revoked',
      request: { body: { content: { 'application/json': { schema: changePasswordBody } }, required: true } },
      responses: {
        200: { description: 'Changed', content: { 'application/json': { schema: okResponse } } },
        ...errors,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      await service.changePassword(
        c.get('db'),
        actor,
        c.req.valid('json'),
        c.get('session')!.tokenHash,
        requestMeta(c),
      );
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members/{id}/reset-password',
      tags: ['auth'],
      summary: 'Set a temporary password for a member’s account (creates the account if missing)',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: resetPasswordBody } }, required: true },
      },
      responses: {
        200: { description: 'Reset', content: { 'application/json': { schema: okResponse } } },
        ...errors,
        403: { description: 'Not allowed', content: { 'application/json': { schema: errorResponse } } },
        404: { description: 'Not found', content: { 'application/json': { schema: errorResponse } } },
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const db = c.get('db');
      const resource = await members.findMemberResource(db, c.req.valid('param').id);
      if (!resource) throw new AppError('not_found', message('member.not_found'));
      await service.resetPassword(db, actor, resource, c.req.valid('json').newPassword, requestMeta(c));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/roles',
      tags: ['auth'],
      summary: 'Board officers and followers assigned at an organisation',
      request: { params: z.object({ id: uuid }) },
      responses: {
        200: { description: 'Assignments', content: { 'application/json': { schema: roleAssignmentList } } },
        ...errors,
        404: { description: 'Not found', content: { 'application/json': { schema: errorResponse } } },
      },
    }),
    async (c) => c.json(await roles.listRoles(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/role-assignments',
      tags: ['auth'],
      summary: 'Make a member an organisation-board officer over a subtree, or the follower of a cell',
      request: { body: { content: { 'application/json': { schema: assignRoleBody } }, required: true } },
      responses: {
        201: { description: 'Assigned', content: { 'application/json': { schema: z.object({ id: uuid }) } } },
        ...errors,
        403: { description: 'Not allowed', content: { 'application/json': { schema: errorResponse } } },
        404: { description: 'Not found', content: { 'application/json': { schema: errorResponse } } },
        409: { description: 'Already assigned', content: { 'application/json': { schema: errorResponse } } },
      },
    }),
    async (c) =>
      c.json(await roles.assignRole(c.get('db'), requireActor(c), c.req.valid('json'), requestMeta(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/role-assignments/{id}/end',
      tags: ['auth'],
      summary: 'End a role assignment on a date',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: endRoleBody } }, required: true },
      },
      responses: {
        200: { description: 'Ended', content: { 'application/json': { schema: okResponse } } },
        ...errors,
        403: { description: 'Not allowed', content: { 'application/json': { schema: errorResponse } } },
        404: { description: 'Not found', content: { 'application/json': { schema: errorResponse } } },
      },
    }),
    async (c) => {
      await roles.endRole(
        c.get('db'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json').validTo,
        requestMeta(c),
      );
      return c.json({ ok: true as const }, 200);
    },
  );
