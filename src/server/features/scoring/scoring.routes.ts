// Routes of meeting-quality scoring: a meeting's scorecards, ratings of a subtree, frameworks and re-scoring.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createdResponse, uuid } from '../../../contracts/common.ts';
import * as c from '../../../contracts/scoring.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  type AppEnv,
  commonErrors,
  createRouter,
  errorResponseOf,
  jsonResponseOf,
  jsonBodyOf,
  requestMeta,
  requireActor,
  writeErrorsOf,
} from '../../platform/http.ts';
import { reads, who } from '../../platform/routes.ts';
import { rescoreJob, startRescore } from './rescore.ts';
import * as frameworks from './frameworks.service.ts';
import * as service from './scoring.service.ts';

const idParams = z.object({ id: uuid });
const writeErrors = writeErrorsOf('Already submitted', 'Not allowed in the meeting’s current state');

export const scoringRoutes: OpenAPIHono<AppEnv> = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}/scores',
      tags: ['scoring'],
      summary: 'The governing framework, the sheet pre-filled from facts, and every scorecard side by side',
      request: { params: idParams },
      responses: {
        200: jsonResponseOf(c.meetingScores),
        ...commonErrors,
        422: errorResponseOf('No framework'),
      },
    }),
    async (ctx) => ctx.json(await service.meetingScores(...reads(ctx), ctx.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{id}/scores/{kind}',
      tags: ['scoring'],
      summary:
        'Save or submit a scorecard (self, follower, supervision); overrides need a reason and are audited',
      request: { params: z.object({ id: uuid, kind: c.scorerKind }), ...jsonBodyOf(c.saveScorecardBody) },
      responses: {
        200: jsonResponseOf(
          z.object({
            id: uuid,
            total: z.number(),
            percent: z.number(),
            rating: c.rating,
            complete: z.boolean(),
          }),
        ),
        ...writeErrors,
      },
    }),
    async (ctx) => {
      const p = ctx.req.valid('param');
      return ctx.json(
        await service.saveScorecard(...who(ctx), p.id, p.kind, ctx.req.valid('json'), requestMeta(ctx)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/ratings',
      tags: ['scoring'],
      summary:
        'Ratings of the cells of the subtree by month, quarter and year, a page at a time (by name); weak cells; inflated self-scores; the subtree’s distribution and gaps',
      request: { params: idParams, query: c.ratingsQuery },
      responses: { 200: jsonResponseOf(c.ratingsOverview), ...commonErrors },
    }),
    async (ctx) => {
      const q = ctx.req.valid('query');
      return ctx.json(
        await service.ratingsOverview(
          ...reads(ctx),
          ctx.req.valid('param').id,
          q.year ?? Number(todayIso().slice(0, 4)),
          q.margin,
          { limit: q.limit, cursor: q.cursor ?? null },
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/scoring-frameworks',
      tags: ['scoring'],
      summary: 'The frameworks known and the one governing the organisation today',
      request: { params: idParams },
      responses: { 200: jsonResponseOf(c.frameworkList), ...commonErrors },
    }),
    async (ctx) => ctx.json(await frameworks.listFrameworks(...reads(ctx), ctx.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/scoring-frameworks',
      tags: ['scoring'],
      summary: 'Put a framework in force for the subtree from a date (upper committee)',
      request: { params: idParams, ...jsonBodyOf(c.assignFrameworkBody) },
      responses: { 200: jsonResponseOf(createdResponse), ...writeErrors },
    }),
    async (ctx) =>
      ctx.json(
        await frameworks.assignFramework(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          requestMeta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/scoring-frameworks',
      tags: ['scoring'],
      summary: 'Load a framework file (JSON, docs/scoring-framework.schema.json); errors name each path',
      request: jsonBodyOf(c.loadFrameworkBody),
      responses: {
        200: jsonResponseOf(z.object({ id: z.string(), version: z.number().int() })),
        ...writeErrors,
      },
    }),
    async (ctx) =>
      ctx.json(
        await frameworks.loadFramework(...who(ctx), ctx.req.valid('json').definition, requestMeta(ctx)),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/rescore',
      tags: ['scoring'],
      summary:
        'Re-score every scorecard of the subtree’s year under the frameworks now governing (background)',
      request: { params: idParams, ...jsonBodyOf(c.rescoreBody) },
      responses: { 200: jsonResponseOf(c.rescoreJob), ...writeErrors },
    }),
    async (ctx) =>
      ctx.json(
        await startRescore(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').year,
          requestMeta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rescore-jobs/{id}',
      tags: ['scoring'],
      summary: 'Progress of a re-scoring job',
      request: { params: z.object({ id: uuid }) },
      responses: { 200: jsonResponseOf(c.rescoreJob), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(await rescoreJob(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id), 200),
  );
