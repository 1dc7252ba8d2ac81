// Routes of the year's plan: the calendar and its meetings, plan generation, the work programme, thematic topics,
// compliance of a subtree and the year's record books.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createdResponse, okResponse, uuid } from '../../../contracts/common.ts';
import * as c from '../../../contracts/meetings.ts';
import * as pc from '../../../contracts/plan.ts';
import { type AppEnv, createRouter, jsonBodyOf, jsonResponseOf } from '../../platform/http.ts';
import * as docs from '../meetings/meeting-documents.service.ts';
import {
  fileResponse,
  idParams,
  meta,
  reads,
  routesOf,
  who,
  writeErrors,
  yearOr,
} from '../meetings/routing.ts';
import * as plan from './plan.service.ts';

const { read, write, act, file } = routesOf('meetings');
const yearRequest = { params: idParams, query: c.yearQuery };
const bookParams = z.object({
  id: uuid,
  year: z.coerce.number().int().min(2015).max(2100),
  file: z.string(),
});

const saveWorkProgramme = createRoute({
  method: 'put',
  path: '/organizations/{id}/work-programme',
  tags: ['meetings'],
  summary: 'Save the annual work programme',
  request: { params: idParams, query: c.yearQuery, ...jsonBodyOf(pc.workProgrammeBody) },
  responses: { 200: jsonResponseOf(okResponse), ...writeErrors },
});

export const planRoutes: OpenAPIHono<AppEnv> = createRouter()
  .openapi(
    read(
      '/organizations/{id}/meetings',
      'The year’s meeting calendar from the governing rule set, the meetings and compliance findings',
      yearRequest,
      c.meetingYearResponse,
    ),
    async (ctx) =>
      ctx.json(
        await plan.yearView(...reads(ctx), ctx.req.valid('param').id, ctx.req.valid('query').year),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/organizations/{id}/meeting-plan',
      'Create the planned regular meetings of a year',
      idParams,
      c.generatePlanBody,
      z.object({ created: z.number().int() }),
    ),
    async (ctx) =>
      ctx.json(
        await plan.generatePlan(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').year,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    read(
      '/organizations/{id}/work-programme',
      'The organisation’s annual work programme',
      yearRequest,
      pc.workProgramme,
    ),
    async (ctx) =>
      ctx.json(
        await plan.getWorkProgramme(
          ...reads(ctx),
          ctx.req.valid('param').id,
          yearOr(ctx.req.valid('query').year),
        ),
        200,
      ),
  )
  .openapi(saveWorkProgramme, async (ctx) => {
    const year = yearOr(ctx.req.valid('query').year);
    const content = ctx.req.valid('json').content;
    return ctx.json(
      await plan.saveWorkProgramme(...who(ctx), ctx.req.valid('param').id, year, content, meta(ctx)),
      200,
    );
  })
  .openapi(
    read(
      '/organizations/{id}/thematic-topics',
      'Thematic topics registered for a year, by quarter',
      yearRequest,
      pc.topicList,
    ),
    async (ctx) =>
      ctx.json(
        await plan.listTopics(...reads(ctx), ctx.req.valid('param').id, yearOr(ctx.req.valid('query').year)),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/organizations/{id}/thematic-topics',
      'Register a thematic topic for a quarter',
      idParams,
      pc.topicBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await plan.createTopic(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(
    act('/thematic-topics/{id}/submit', 'Send a topic to the upper committee', idParams, okResponse),
    async (ctx) => ctx.json(await plan.submitTopic(...who(ctx), ctx.req.valid('param').id, meta(ctx)), 200),
  )
  .openapi(
    write(
      'post',
      '/thematic-topics/{id}/review',
      'Approve or return a topic (upper committee)',
      idParams,
      pc.topicReviewBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await plan.reviewTopic(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(
    read(
      '/organizations/{id}/compliance',
      'Compliance of the cells of the subtree over a year, a page at a time (by name), with the subtree’s totals',
      { params: idParams, query: pc.complianceQuery },
      pc.complianceOverview,
    ),
    async (ctx) => {
      const q = ctx.req.valid('query');
      return ctx.json(
        await plan.complianceOverview(...reads(ctx), ctx.req.valid('param').id, yearOr(q.year), {
          limit: q.limit,
          cursor: q.cursor ?? null,
        }),
        200,
      );
    },
  )
  .openapi(
    file(
      '/organizations/{id}/books/{year}/{file}',
      'The minutes book or resolutions book of a year (minutes|decisions).(docx|pdf)',
      bookParams,
    ),
    async (ctx) => {
      const p = ctx.req.valid('param');
      return fileResponse(await docs.book(...reads(ctx), p.id, p.year, p.file));
    },
  );
