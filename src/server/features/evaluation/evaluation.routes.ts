// Routes of the annual evaluation (kiểm điểm, đánh giá, xếp loại), the discipline register and "bốn tốt".
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createdResponse, okResponse } from '../../../contracts/common.ts';
import * as c from '../../../contracts/evaluation.ts';
import {
  type AppEnv,
  commonErrors,
  createRouter,
  jsonResponseOf,
  requestMeta,
  writeErrorsOf,
} from '../../platform/http.ts';
import { idParams, routesOf, reads, who } from '../../platform/routes.ts';
import * as evaluation from './evaluation.service.ts';
import * as discipline from './discipline.service.ts';
import * as fourGood from './four-good.service.ts';

const writeErrors = writeErrorsOf(
  'Quota exceeded without a recorded reason',
  'Not allowed at the evaluation’s current step',
);
const meta = requestMeta;

// Every write of the evaluation is a POST about one resource (an organisation or an evaluation).
const routes = routesOf('evaluation', writeErrors);
const write = <B extends z.ZodType, R extends z.ZodType>(
  path: string,
  summary: string,
  body: B,
  response: R,
) => routes.write('post', path, summary, idParams, body, response);

export const evaluationRoutes: OpenAPIHono<AppEnv> = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/evaluations',
      tags: ['evaluation'],
      summary:
        'The year’s evaluations of a cell’s members and of the cell (or of the cells under a committee), with evidence, quota and actions',
      request: { params: idParams, query: c.evaluationYearQuery },
      responses: { 200: jsonResponseOf(c.evaluationList), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(
        await evaluation.listEvaluations(
          ...reads(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('query').year,
        ),
        200,
      ),
  )
  .openapi(
    write(
      '/organizations/{id}/evaluations',
      'Start the year’s evaluations of a cell and its members',
      c.startEvaluationBody,
      z.object({ created: z.number().int() }),
    ),
    async (ctx) =>
      ctx.json(
        await evaluation.startEvaluations(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').year,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write(
      '/evaluations/{id}/self-assessment',
      'Self-assessment: points, level (checked against the facts) and the self-review',
      c.selfAssessBody,
      c.stepResponse,
    ),
    async (ctx) =>
      ctx.json(
        await evaluation.selfAssess(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(
    write(
      '/evaluations/{id}/proposal',
      'Proposal of a level by the cell (for members) or the upper committee (for the cell)',
      c.proposeBody,
      c.stepResponse,
    ),
    async (ctx) =>
      ctx.json(
        await evaluation.propose(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(
    write(
      '/evaluations/{id}/decision',
      'Decision by the competent level; excellent beyond the quota needs a recorded reason',
      c.decideBody,
      c.stepResponse,
    ),
    async (ctx) =>
      ctx.json(
        await evaluation.decide(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/evaluations/{id}/announce',
      tags: ['evaluation'],
      summary: 'Announce the decided result to the members',
      request: { params: idParams },
      responses: { 200: jsonResponseOf(c.stepResponse), ...writeErrors },
    }),
    async (ctx) =>
      ctx.json(await evaluation.announce(...who(ctx), ctx.req.valid('param').id, meta(ctx)), 200),
  )
  .openapi(
    write(
      '/organizations/{id}/discipline',
      'Record a discipline decision on a member of the subtree or on the organisation',
      c.disciplineBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await discipline.recordDiscipline(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/four-good',
      tags: ['evaluation'],
      summary:
        '“Bốn tốt” of the subtree’s cells and grassroots organisations a page at a time, with the share against 90% and the counts by criterion',
      request: { params: idParams, query: c.fourGoodQuery },
      responses: { 200: jsonResponseOf(c.fourGoodResponse), ...commonErrors },
    }),
    async (ctx) => {
      return ctx.json(
        await fourGood.fourGoodView(...reads(ctx), ctx.req.valid('param').id, ctx.req.valid('query')),
        200,
      );
    },
  )
  .openapi(
    write(
      '/organizations/{id}/four-good',
      'Enter a “bốn tốt” criterion with evidence where the app has no facts',
      c.fourGoodEntryBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await fourGood.enterFourGood(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  );
