// Routes of tasks and the member's side: the task inbox, progress reports (with a file), review, the member's
// meetings, notifications and the calendar feed.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createdResponse, okResponse } from '../../../contracts/common.ts';
import * as c from '../../../contracts/meetings.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type AppEnv,
  createRouter,
  errorResponseOf,
  jsonResponseOf,
  zodIssues,
} from '../../platform/http.ts';
import {
  fileResponse,
  idParams,
  meta,
  originOf,
  reads,
  routesOf,
  who,
  writeErrors,
} from '../meetings/routing.ts';
import * as tasks from './tasks.service.ts';
import { readerOf } from '../../platform/routes.ts';

const { read, write, act, file } = routesOf('tasks');

const reportUpload = createRoute({
  method: 'post',
  path: '/tasks/{id}/reports/upload',
  tags: ['tasks'],
  summary: 'Report progress with an attached file (PDF, Word, image)',
  request: {
    params: idParams,
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({ note: z.string(), progress: z.string().optional(), file: z.any() }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonResponseOf(createdResponse),
    ...writeErrors,
    415: errorResponseOf('Unsupported file'),
  },
});

/** The report form: its note and progress checked by the contract, and the file if one was attached. */
async function reportForm(ctx: Context<AppEnv>) {
  const form = await ctx.req.parseBody();
  const parsed = c.taskReportBody.safeParse({
    note: typeof form.note === 'string' ? form.note : '',
    progress: typeof form.progress === 'string' && form.progress !== '' ? Number(form.progress) : undefined,
  });
  if (!parsed.success) throw new AppError('validation_failed', undefined, zodIssues(parsed.error.issues));
  const f = form.file instanceof File && form.file.size > 0 ? form.file : null;
  const upload = f ? { name: f.name, type: f.type, content: new Uint8Array(await f.arrayBuffer()) } : null;
  return { body: parsed.data, file: upload };
}

export const taskRoutes: OpenAPIHono<AppEnv> = createRouter()
  .openapi(
    read(
      '/tasks',
      'The task inbox: mine, created by me, open, overdue, done',
      { query: c.taskListQuery },
      c.taskList,
    ),
    async (ctx) => ctx.json(await tasks.listTasks(...reads(ctx), ctx.req.valid('query').filter), 200),
  )
  .openapi(
    write(
      'post',
      '/tasks/{id}/reports',
      'Report progress on a task',
      idParams,
      c.taskReportBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await tasks.reportTask(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(reportUpload, async (ctx) => {
    const { body, file } = await reportForm(ctx);
    return ctx.json(
      await tasks.reportTask(...who(ctx), ctx.req.valid('param').id, body, meta(ctx), file),
      200,
    );
  })
  .openapi(
    file('/task-reports/{id}/file', 'The file attached to a progress report', idParams, 'The file'),
    async (ctx) => fileResponse(await tasks.reportFile(...reads(ctx), ctx.req.valid('param').id)),
  )
  .openapi(
    write(
      'post',
      '/tasks/{id}/review',
      'Judge a task’s result (cell leaders)',
      idParams,
      c.reviewTaskBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await tasks.reviewTask(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  .openapi(
    read(
      '/me/meetings',
      'The signed-in member’s upcoming and recent meetings and calendar feed URL',
      {},
      c.myMeetingsResponse,
    ),
    async (ctx) => ctx.json(await tasks.myMeetings(...who(ctx), originOf(ctx), meta(ctx)), 200),
  )
  .openapi(
    read('/me/notifications', 'The signed-in member’s notifications', {}, c.notificationList),
    async (ctx) => ctx.json(await tasks.notifications(...reads(ctx)), 200),
  )
  .openapi(
    act('/me/notifications/read-all', 'Mark every notification read', z.object({}), okResponse),
    async (ctx) => ctx.json(await tasks.readAllNotifications(...who(ctx), meta(ctx)), 200),
  );

/** Calendar feed by secret token (calendar apps cannot send the session cookie). */
taskRoutes.get('/calendar/:file', async (ctx) => {
  const body = await tasks.calendarFeed(readerOf(ctx), ctx.req.param('file'), originOf(ctx));
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
});
