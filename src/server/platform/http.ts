// HTTP plumbing shared by every feature: the app's context type, error mapping, validation hook, auth guards.
import { OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context, ErrorHandler, Next } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ErrorCode, errorCodes, errorResponse, type ErrorResponse } from '../../contracts/errors.ts';
import { isMessageCode, type Message, message, renderVi } from '../../messages/index.ts';
import type { Actor } from '../../domain/permissions.ts';
import { UnsupportedYearError } from '../../domain/vietnam-calendar.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { AppError, defaultMessage, type FieldIssue, fieldError, mapDatabaseError } from './errors.ts';
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

export const createRouter = () => {
  const router = new OpenAPIHono<AppEnv>({
    // zod failures become one 400 that names each field and the rule it broke.
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation_failed', undefined, zodIssues(result.error.issues));
      }
    },
  });
  const register = router.openapi.bind(router);
  router.openapi = ((route: RouteConfig, handler: RouteHandler, hook?: unknown) =>
    register(route, checkedAgainstContract(route, handler) as never, hook as never)) as typeof router.openapi;
  return router;
};

type RouteHandler = (c: Context<AppEnv>, next: Next) => unknown;

/** The schema of a route's JSON answer with this status, if the route declares one. */
function answerSchema(route: RouteConfig, status: number): z.ZodType | undefined {
  const answer = route.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined;
  const schema = answer?.content?.['application/json']?.schema;
  return schema && typeof (schema as z.ZodType).safeParse === 'function' ? (schema as z.ZodType) : undefined;
}

/** A value the server is about to send that its contract does not allow: a bug, answered 500 and logged. */
export class ContractBreach extends Error {
  constructor(where: string, issues: readonly { path: PropertyKey[]; message: string }[]) {
    super(
      `${where} does not match its contract: ${issues
        .slice(0, 5)
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
    this.name = 'ContractBreach';
  }
}

/** Throws ContractBreach when `value` does not fit `schema` (only with CHECK_RESPONSES=on; see config.ts). */
export function assertContract(schema: z.ZodType, value: unknown, where: string): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ContractBreach(where, parsed.error.issues);
}

/** The handler, whose JSON answers are checked against the route's contract when CHECK_RESPONSES is on. */
function checkedAgainstContract(route: RouteConfig, handler: RouteHandler): RouteHandler {
  return async (c, next) => {
    const res = await handler(c, next);
    if (c.get('config').CHECK_RESPONSES !== 'on' || !(res instanceof Response)) return res;
    const schema = answerSchema(route, res.status);
    if (!schema || !res.headers.get('content-type')?.includes('application/json')) return res;
    assertContract(
      schema,
      await res.clone().json(),
      `${route.method.toUpperCase()} ${route.path} (${res.status})`,
    );
    return res;
  };
}

type ZodIssueLike = { path: PropertyKey[]; message: string; code: string; input?: unknown };

/**
 * Field problems of a failed zod parse. A contract's own words are message codes (`{ error: 'member.x' }`) and
 * travel as such; zod's default issues travel raw (without the input) and each side renders them with zod's locale.
 */
export function zodIssues(issues: readonly ZodIssueLike[]): FieldIssue[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.') || '(body)';
    if (isMessageCode(i.message)) return { path, message: message(i.message) };
    const { input: _input, path: _path, message: words, ...raw } = i;
    const zodIssue = message('validation.zod_issue', raw as Record<string, string>);
    // Words of zod's own locale travel as the raw issue; any other words (none in our contracts) travel as written.
    return {
      path,
      message: renderVi(zodIssue) === words ? zodIssue : message('text.verbatim', { text: words }),
    };
  });
}

/** The wire shape of one message: Vietnamese words, and the code with its parameters for other languages. */
function wireMessage(m: Message) {
  return { message: renderVi(m), messageCode: m.code, ...(m.params ? { params: m.params } : {}) };
}

export function errorBody(
  code: ErrorCode,
  detail: Message = defaultMessage(code),
  issues: readonly FieldIssue[] = [],
): ErrorResponse {
  return {
    error: {
      code,
      ...wireMessage(detail),
      ...(issues.length ? { issues: issues.map((i) => ({ path: i.path, ...wireMessage(i.message) })) } : {}),
    },
  };
}

function badBody(c: Context<AppEnv>, code: 'request.invalid_json' | 'request.malformed_form') {
  const e = fieldError('validation_failed', '(body)', code);
  return c.json(errorBody(e.code, e.detail, e.issues), 400);
}

/** The field of the request (query or JSON body, dotted path) that holds `year`, as a number or within a date. */
async function fieldHoldingYear(c: Context<AppEnv>, year: number): Promise<string | null> {
  const holds = (v: unknown) =>
    v === year || v === String(year) || (typeof v === 'string' && v.startsWith(`${year}-`));
  const search = (v: unknown, path: string): string | null => {
    if (holds(v)) return path;
    if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        const found = search(inner, path ? `${path}.${k}` : k);
        if (found) return found;
      }
    }
    return null;
  };
  const fromQuery = search(c.req.query(), '');
  if (fromQuery) return fromQuery;
  if (!c.req.header('content-type')?.includes('application/json')) return null;
  return search(await c.req.json().catch(() => null), '');
}

export const onError: ErrorHandler<AppEnv> = async (err, c) => {
  if (err instanceof UnsupportedYearError) {
    const path = (await fieldHoldingYear(c, err.year)) ?? 'year';
    return c.json(errorBody('validation_failed', err.problem, [{ path, message: err.problem }]), 400);
  }
  const mapped = mapDatabaseError(err);
  if (mapped instanceof AppError) {
    return c.json(errorBody(mapped.code, mapped.detail, mapped.issues), errorCodes[mapped.code].status);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return c.json(errorBody('payload_too_large'), 413);
    // Hono's body validators: a body that is not JSON, or not a form, names the body as the field.
    if (err.status === 400)
      return badBody(c, err.message.includes('FormData') ? 'request.malformed_form' : 'request.invalid_json');
    return c.json(errorBody(err.status === 404 ? 'not_found' : 'internal'), err.status);
  }
  if (err instanceof SyntaxError) return badBody(c, 'request.invalid_json');
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
