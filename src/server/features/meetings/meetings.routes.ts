// Routes of the meeting cycle: the year's plan, one meeting from preparation to adopted minutes, the live room's
// event stream, documents, tasks and the member's side.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { createdResponse, messageSchema, okResponse, uuid } from '../../../contracts/common.ts';
import * as c from '../../../contracts/meetings.ts';
import { todayIso } from '../../../domain/dates.ts';
import { AppError } from '../../platform/errors.ts';
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
import * as docs from './meeting-documents.service.ts';
import { visibleMeeting } from './meeting-access.ts';
import { buildRoom, subscribe } from './meeting-room.ts';
import * as meetings from './meetings.service.ts';
import * as plan from './plan.service.ts';
import * as tasks from './tasks.service.ts';

const idParams = z.object({ id: uuid });
const writeErrors = writeErrorsOf(
  'Conflict: already done, or edited by someone else',
  'Not allowed in the meeting’s current state',
);
const warningsResponse = z.object({ ok: z.literal(true), warnings: z.array(z.string()) });
const meta = requestMeta;
const originOf = (ctx: Context<AppEnv>) => new URL(ctx.req.url).origin;

/** A POST/PUT/PATCH with a JSON body answering JSON. */
function write<P extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(
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
    tags: ['meetings'],
    summary,
    request: { params, ...jsonBodyOf(body) },
    responses: { 200: jsonResponseOf(response), ...writeErrors },
  });
}

/** A POST without a body answering JSON. */
function act<P extends z.ZodObject, R extends z.ZodType>(
  path: string,
  summary: string,
  params: P,
  response: R,
) {
  return createRoute({
    method: 'post',
    path,
    tags: ['meetings'],
    summary,
    request: { params },
    responses: { 200: jsonResponseOf(response), ...writeErrors },
  });
}

const itemParams = z.object({ id: uuid, itemId: uuid });
const fileParams = z.object({ id: uuid, file: z.string() });
const bookParams = z.object({
  id: uuid,
  year: z.coerce.number().int().min(2015).max(2100),
  file: z.string(),
});

export const meetingRoutes: OpenAPIHono<AppEnv> = createRouter()
  // ---- the year's plan -------------------------------------------------------------------------------
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/meetings',
      tags: ['meetings'],
      summary:
        'The year’s meeting calendar from the governing rule set, the meetings and compliance findings',
      request: { params: idParams, query: c.yearQuery },
      responses: { 200: jsonResponseOf(c.meetingYearResponse), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(
        await plan.yearView(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('query').year,
        ),
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
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').year,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/organizations/{id}/meetings',
      'Schedule a meeting (date checked against the rule set)',
      idParams,
      c.createMeetingBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.createMeeting(
          ctx.get('db'),
          requireActor(ctx),
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
      path: '/organizations/{id}/work-programme',
      tags: ['meetings'],
      summary: 'The organisation’s annual work programme',
      request: { params: idParams, query: c.yearQuery },
      responses: { 200: jsonResponseOf(c.workProgramme), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(
        await plan.getWorkProgramme(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('query').year ?? Number(todayIso().slice(0, 4)),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/organizations/{id}/work-programme',
      tags: ['meetings'],
      summary: 'Save the annual work programme',
      request: { params: idParams, query: c.yearQuery, ...jsonBodyOf(c.workProgrammeBody) },
      responses: { 200: jsonResponseOf(okResponse), ...writeErrors },
    }),
    async (ctx) =>
      ctx.json(
        await plan.saveWorkProgramme(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('query').year ?? Number(todayIso().slice(0, 4)),
          ctx.req.valid('json').content,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/thematic-topics',
      tags: ['meetings'],
      summary: 'Thematic topics registered for a year, by quarter',
      request: { params: idParams, query: c.yearQuery },
      responses: { 200: jsonResponseOf(c.topicList), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(
        await plan.listTopics(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('query').year ?? Number(todayIso().slice(0, 4)),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/organizations/{id}/thematic-topics',
      'Register a thematic topic for a quarter',
      idParams,
      c.topicBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await plan.createTopic(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    act('/thematic-topics/{id}/submit', 'Send a topic to the upper committee', idParams, okResponse),
    async (ctx) =>
      ctx.json(await plan.submitTopic(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id), 200),
  )
  .openapi(
    write(
      'post',
      '/thematic-topics/{id}/review',
      'Approve or return a topic (upper committee)',
      idParams,
      c.topicReviewBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await plan.reviewTopic(
          ctx.get('db'),
          requireActor(ctx),
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
      path: '/organizations/{id}/compliance',
      tags: ['meetings'],
      summary: 'Compliance findings of every cell in the subtree over a year',
      request: { params: idParams, query: c.yearQuery },
      responses: { 200: jsonResponseOf(c.complianceOverview), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(
        await plan.complianceOverview(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('query').year ?? Number(todayIso().slice(0, 4)),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/books/{year}/{file}',
      tags: ['meetings'],
      summary: 'The minutes book or resolutions book of a year (minutes|decisions).(docx|pdf)',
      request: { params: bookParams },
      responses: { 200: { description: 'The document' }, ...commonErrors },
    }),
    async (ctx) => {
      const p = ctx.req.valid('param');
      const out = await docs.book(ctx.get('db'), requireActor(ctx), p.id, p.year, p.file);
      return fileResponse(out);
    },
  )
  // ---- one meeting -------------------------------------------------------------------------------------
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: 'A meeting with everything its screens show, the actor’s actions and own state',
      request: { params: idParams },
      responses: { 200: jsonResponseOf(c.meetingDetail), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(await meetings.getDetail(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id), 200),
  )
  .openapi(
    write(
      'patch',
      '/meetings/{id}',
      'Edit the preparation (date changes need a reason)',
      idParams,
      c.updateMeetingBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.updateMeeting(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    act('/meetings/{id}/publish', 'Publish the notice to members and followers', idParams, warningsResponse),
    async (ctx) =>
      ctx.json(
        await meetings.publish(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id, meta(ctx)),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/cancel',
      'Cancel a meeting with a reason',
      idParams,
      c.cancelBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.cancel(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').reason,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/rsvp',
      'Confirm attendance or request absence with a reason',
      idParams,
      c.rsvpBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.rsvp(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    act(
      '/meetings/{id}/start',
      'Start the meeting: records the time, opens self check-in',
      idParams,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.start(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id, meta(ctx)),
        200,
      ),
  )
  .openapi(
    act(
      '/meetings/{id}/end',
      'End the meeting: records the time, closes check-in',
      idParams,
      warningsResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.end(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id, meta(ctx)),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/attendance',
      'Mark a member present or absent (minute-taker)',
      idParams,
      c.attendanceBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.recordAttendance(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/check-in',
      'Check oneself in with the code shown in the room',
      idParams,
      c.checkInBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.checkIn(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').code,
        ),
        200,
      ),
  )
  .openapi(
    write('post', '/meetings/{id}/guests', 'Add a guest', idParams, c.guestBody, createdResponse),
    async (ctx) =>
      ctx.json(
        await meetings.addGuest(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/agenda',
      'Add an agenda item at the end of its section',
      idParams,
      c.addAgendaItemBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.addAgendaItem(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/current-item',
      'Move to an agenda item (and mark the current one done)',
      idParams,
      c.currentItemBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.setCurrentItem(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'put',
      '/meetings/{id}/agenda/{itemId}',
      'Save an item’s minutes (409 edit_conflict when based on an old version)',
      itemParams,
      c.notesBody,
      z.object({ notesVersion: z.number().int() }),
    ),
    async (ctx) => {
      const p = ctx.req.valid('param');
      return ctx.json(
        await meetings.saveItemNotes(ctx.get('db'), requireActor(ctx), p.id, p.itemId, ctx.req.valid('json')),
        200,
      );
    },
  )
  .openapi(
    write(
      'put',
      '/meetings/{id}/minutes',
      'Save the general part of the minutes',
      idParams,
      c.generalNotesBody,
      z.object({ version: z.number().int() }),
    ),
    async (ctx) =>
      ctx.json(
        await meetings.saveGeneralMinutes(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/contributions',
      'Record who spoke on an item and a summary',
      idParams,
      c.contributionBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.addContribution(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write('post', '/meetings/{id}/votes', 'Open a vote', idParams, c.openVoteBody, createdResponse),
    async (ctx) =>
      ctx.json(
        await meetings.openVote(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/votes/{id}/ballots',
      'Cast one’s own ballot (eligible full members present)',
      idParams,
      c.ballotBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.castBallot(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').choice,
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/votes/{id}/close',
      'Close a vote; a show of hands gives the counts',
      idParams,
      c.closeVoteBody,
      z.object({ passed: z.boolean(), line: messageSchema }),
    ),
    async (ctx) =>
      ctx.json(
        await meetings.closeVote(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/tasks',
      'Assign a task from the meeting',
      idParams,
      c.createTaskBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.createTask(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/adopt',
      'Adopt and lock the minutes; issue the numbered decision',
      idParams,
      c.adoptBody,
      z.object({ decisionNumber: z.string() }),
    ),
    async (ctx) =>
      ctx.json(
        await meetings.adopt(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/sign',
      'Sign the adopted minutes as chair or minute-taker',
      idParams,
      c.signBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.sign(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').role,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/addenda',
      'Add a dated addendum to locked minutes',
      idParams,
      c.addendumBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await meetings.addAddendum(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/materials',
      tags: ['meetings'],
      summary: 'Upload a material (PDF, DOCX, image) or a new version of one',
      request: {
        params: idParams,
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.any(), title: z.string().optional(), materialId: uuid.optional() }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: jsonResponseOf(z.object({ id: uuid, materialId: uuid })),
        ...writeErrors,
        415: errorResponseOf('Unsupported file'),
      },
    }),
    async (ctx) => {
      const form = await ctx.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) {
        throw new AppError('validation_failed', 'Chọn tệp tài liệu', [{ path: 'file', message: 'Chọn tệp' }]);
      }
      const materialId = typeof form.materialId === 'string' && form.materialId ? form.materialId : null;
      if (materialId && !uuid.safeParse(materialId).success) {
        throw new AppError('validation_failed', 'Mã tài liệu không hợp lệ', [
          { path: 'materialId', message: 'UUID' },
        ]);
      }
      return ctx.json(
        await meetings.uploadMaterial(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id, {
          file,
          title: typeof form.title === 'string' ? form.title : null,
          materialId,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/material-versions/{id}/download',
      tags: ['meetings'],
      summary: 'Download a material (records the reader’s read receipt)',
      request: { params: idParams },
      responses: { 200: { description: 'The file' }, ...commonErrors },
    }),
    async (ctx) => {
      const f = await meetings.downloadMaterial(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id);
      return fileResponse({ content: f.content, fileName: f.fileName, mimeType: f.mimeType });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}/documents/{file}',
      tags: ['meetings'],
      summary:
        'Minutes, decision or attendance sheet as DOCX or PDF ((minutes|decision|attendance).(docx|pdf))',
      request: { params: fileParams },
      responses: { 200: { description: 'The document' }, ...commonErrors },
    }),
    async (ctx) => {
      const p = ctx.req.valid('param');
      return fileResponse(await docs.meetingDocument(ctx.get('db'), requireActor(ctx), p.id, p.file));
    },
  )
  // ---- tasks and the member ------------------------------------------------------------------------------
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      tags: ['tasks'],
      summary: 'The task inbox: mine, created by me, open, overdue, done',
      request: { query: c.taskListQuery },
      responses: { 200: jsonResponseOf(c.taskList), ...commonErrors },
    }),
    async (ctx) =>
      ctx.json(await tasks.listTasks(ctx.get('db'), requireActor(ctx), ctx.req.valid('query').filter), 200),
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
        await tasks.reportTask(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
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
    }),
    async (ctx) => {
      const form = await ctx.req.parseBody();
      const parsed = c.taskReportBody.safeParse({
        note: typeof form.note === 'string' ? form.note : '',
        progress:
          typeof form.progress === 'string' && form.progress !== '' ? Number(form.progress) : undefined,
      });
      if (!parsed.success) {
        throw new AppError(
          'validation_failed',
          'Dữ liệu không hợp lệ',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      const file = form.file instanceof File && form.file.size > 0 ? form.file : null;
      return ctx.json(
        await tasks.reportTask(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          parsed.data,
          file
            ? { name: file.name, type: file.type, content: new Uint8Array(await file.arrayBuffer()) }
            : null,
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/task-reports/{id}/file',
      tags: ['tasks'],
      summary: 'The file attached to a progress report',
      request: { params: idParams },
      responses: { 200: { description: 'The file' }, ...commonErrors },
    }),
    async (ctx) =>
      fileResponse(await tasks.reportFile(ctx.get('db'), requireActor(ctx), ctx.req.valid('param').id)),
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
        await tasks.reviewTask(
          ctx.get('db'),
          requireActor(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/meetings',
      tags: ['tasks'],
      summary: 'The signed-in member’s upcoming and recent meetings and calendar feed URL',
      responses: { 200: jsonResponseOf(c.myMeetingsResponse), ...commonErrors },
    }),
    async (ctx) => ctx.json(await tasks.myMeetings(ctx.get('db'), requireActor(ctx), originOf(ctx)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/notifications',
      tags: ['tasks'],
      summary: 'The signed-in member’s notifications',
      responses: { 200: jsonResponseOf(c.notificationList), ...commonErrors },
    }),
    async (ctx) => ctx.json(await tasks.notifications(ctx.get('db'), requireActor(ctx)), 200),
  )
  .openapi(
    act('/me/notifications/read-all', 'Mark every notification read', z.object({}), okResponse),
    async (ctx) => ctx.json(await tasks.readAllNotifications(ctx.get('db'), requireActor(ctx)), 200),
  );

/** The live room: the meeting's shared state now, then again after every change (Server-Sent Events). */
meetingRoutes.get('/meetings/:id/events', async (ctx) => {
  const actor = requireActor(ctx);
  const id = ctx.req.param('id');
  if (!uuid.safeParse(id).success) throw new AppError('not_found', 'Không tìm thấy cuộc họp');
  const db = ctx.get('db');
  const { meeting } = await visibleMeeting(db, actor, id);
  return streamSSE(ctx, async (stream) => {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = subscribe(id, (roomJson) => {
      queue.length = 0; // only the newest state matters
      queue.push(roomJson);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    await stream.writeSSE({ event: 'room', data: JSON.stringify(await buildRoom(db, meeting)) });
    while (!stream.aborted) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 15_000);
        });
        wake = null;
      }
      if (stream.aborted) break;
      const next = queue.shift();
      if (next) await stream.writeSSE({ event: 'room', data: next });
      else await stream.write(': ping\n\n');
    }
    unsubscribe();
  });
});

/** Calendar feed by secret token (calendar apps cannot send the session cookie). */
meetingRoutes.get('/calendar/:file', async (ctx) => {
  const file = ctx.req.param('file');
  const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
  const body = token ? await tasks.calendarFeed(ctx.get('db'), token, originOf(ctx)) : null;
  if (body === null) throw new AppError('not_found', 'Không tìm thấy lịch');
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
});

function fileResponse(f: { content: Uint8Array; fileName: string; mimeType: string }) {
  return new Response(Buffer.from(f.content), {
    headers: {
      'content-type': f.mimeType,
      'content-disposition': `attachment; filename="${f.fileName.replace(/[^\w.-]+/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      'cache-control': 'no-store',
    },
  });
}
