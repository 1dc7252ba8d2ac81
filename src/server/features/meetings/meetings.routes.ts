// Routes of one meeting: scheduling, preparation and the notice, the session (roll, agenda, minutes, speakers,
// votes, tasks), adoption and signatures, materials and documents.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createdResponse, messageSchema, okResponse, uuid } from '../../../contracts/common.ts';
import * as c from '../../../contracts/meetings.ts';
import { fieldError } from '../../platform/errors.ts';
import { type AppEnv, createRouter, errorResponseOf, jsonResponseOf } from '../../platform/http.ts';
import * as checkin from './meeting-checkin.service.ts';
import * as docs from './meeting-documents.service.ts';
import * as materials from './meeting-materials.service.ts';
import * as minutes from './meeting-minutes.service.ts';
import * as votes from './meeting-votes.service.ts';
import * as meetings from './meetings.service.ts';
import { fileResponse, idParams, meta, routesOf, who, writeErrors } from './routing.ts';

const { read, write, act, file } = routesOf('meetings');
const itemParams = z.object({ id: uuid, itemId: uuid });
const fileParams = z.object({ id: uuid, file: z.string() });

const materialUpload = createRoute({
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
});

/** The material form: the file, an optional title, and the material it is a new version of. */
async function materialForm(ctx: Context<AppEnv>) {
  const form = await ctx.req.parseBody();
  if (!(form.file instanceof File)) throw fieldError('validation_failed', 'file', 'meeting.choose_file');
  const materialId = typeof form.materialId === 'string' && form.materialId ? form.materialId : null;
  if (materialId && !uuid.safeParse(materialId).success) {
    throw fieldError('validation_failed', 'materialId', 'meeting.material_id_invalid');
  }
  return { file: form.file, title: typeof form.title === 'string' ? form.title : null, materialId };
}

const schedule = write(
  'post',
  '/organizations/{id}/meetings',
  'Schedule a meeting (date checked against the rule set)',
  idParams,
  c.createMeetingBody,
  createdResponse,
);

export const meetingRoutes: OpenAPIHono<AppEnv> = createRouter()
  // ---- scheduling and preparation ---------------------------------------------------------------------
  .openapi(schedule, async (ctx) =>
    ctx.json(
      await meetings.createMeeting(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
      200,
    ),
  )
  .openapi(
    read(
      '/meetings/{id}',
      'A meeting with everything its screens show, the actor’s actions and own state',
      { params: idParams },
      c.meetingDetail,
    ),
    async (ctx) => ctx.json(await meetings.getDetail(...who(ctx), ctx.req.valid('param').id), 200),
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
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    act('/meetings/{id}/publish', 'Publish the notice to members and followers', idParams, c.meetingWarnings),
    async (ctx) => ctx.json(await meetings.publish(...who(ctx), ctx.req.valid('param').id, meta(ctx)), 200),
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
          ...who(ctx),
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
        await meetings.rsvp(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  // ---- the session ---------------------------------------------------------------------------------------
  .openapi(
    act(
      '/meetings/{id}/start',
      'Start the meeting: records the time, opens self check-in',
      idParams,
      okResponse,
    ),
    async (ctx) => ctx.json(await meetings.start(...who(ctx), ctx.req.valid('param').id, meta(ctx)), 200),
  )
  .openapi(
    act(
      '/meetings/{id}/end',
      'End the meeting: records the time, closes check-in',
      idParams,
      c.meetingWarnings,
    ),
    async (ctx) => ctx.json(await meetings.end(...who(ctx), ctx.req.valid('param').id, meta(ctx)), 200),
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
        await minutes.recordAttendance(
          ...who(ctx),
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
      '/meetings/{id}/check-in',
      'Check oneself in with the code now shown in the room (it changes every 30 s; an older code is refused)',
      idParams,
      c.checkInBody,
      okResponse,
    ),
    async (ctx) =>
      ctx.json(
        await checkin.checkIn(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json').code, meta(ctx)),
        200,
      ),
  )
  .openapi(
    read(
      '/meetings/{id}/checkin-code',
      'The room code now, with its countdown (for the projector; those who mark attendance, in session)',
      { params: idParams },
      c.rotatingCode,
    ),
    async (ctx) => ctx.json(await checkin.roomCodeNow(...who(ctx), ctx.req.valid('param').id), 200),
  )
  .openapi(
    read(
      '/meetings/{id}/my-pass',
      'The member’s personal pass now, with its countdown (a QR code the secretary scans in the room)',
      { params: idParams },
      c.rotatingCode,
    ),
    async (ctx) => ctx.json(await checkin.myPass(...who(ctx), ctx.req.valid('param').id), 200),
  )
  .openapi(
    write(
      'post',
      '/meetings/{id}/attendance/pass',
      'Mark present the member whose personal pass was scanned (or typed from under its QR code)',
      idParams,
      c.passBody,
      c.passMarked,
    ),
    async (ctx) =>
      ctx.json(
        await checkin.markByPass(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').code,
          meta(ctx),
        ),
        200,
      ),
  )
  .openapi(
    write('post', '/meetings/{id}/guests', 'Add a guest', idParams, c.guestBody, createdResponse),
    async (ctx) =>
      ctx.json(
        await minutes.addGuest(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
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
        await minutes.addAgendaItem(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
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
        await minutes.setCurrentItem(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json'),
          meta(ctx),
        ),
        200,
      ),
  )
  // ---- minutes -------------------------------------------------------------------------------------------
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
        await minutes.saveItemNotes(...who(ctx), p.id, p.itemId, ctx.req.valid('json'), meta(ctx)),
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
        await minutes.saveGeneralMinutes(
          ...who(ctx),
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
      '/meetings/{id}/contributions',
      'Record who spoke on an item and a summary',
      idParams,
      c.contributionBody,
      createdResponse,
    ),
    async (ctx) =>
      ctx.json(
        await minutes.addContribution(
          ...who(ctx),
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
        await minutes.createTask(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
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
        await minutes.addAddendum(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
        200,
      ),
  )
  // ---- votes, adoption, signatures -------------------------------------------------------------------------
  .openapi(
    write('post', '/meetings/{id}/votes', 'Open a vote', idParams, c.openVoteBody, createdResponse),
    async (ctx) =>
      ctx.json(
        await votes.openVote(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
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
        await votes.castBallot(
          ...who(ctx),
          ctx.req.valid('param').id,
          ctx.req.valid('json').choice,
          meta(ctx),
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
        await votes.closeVote(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
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
        await votes.adopt(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json'), meta(ctx)),
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
        await votes.sign(...who(ctx), ctx.req.valid('param').id, ctx.req.valid('json').role, meta(ctx)),
        200,
      ),
  )
  // ---- materials and documents ---------------------------------------------------------------------------
  .openapi(materialUpload, async (ctx) => {
    const form = await materialForm(ctx);
    return ctx.json(
      await materials.uploadMaterial(...who(ctx), ctx.req.valid('param').id, form, meta(ctx)),
      200,
    );
  })
  .openapi(
    file(
      '/material-versions/{id}/download',
      'Download a material (records the reader’s read receipt)',
      idParams,
      'The file',
    ),
    async (ctx) =>
      fileResponse(await materials.downloadMaterial(...who(ctx), ctx.req.valid('param').id, meta(ctx))),
  )
  .openapi(
    file(
      '/meetings/{id}/documents/{file}',
      'Minutes, decision or attendance sheet as DOCX or PDF ((minutes|decision|attendance).(docx|pdf))',
      fileParams,
    ),
    async (ctx) => {
      const p = ctx.req.valid('param');
      return fileResponse(await docs.meetingDocument(...who(ctx), p.id, p.file));
    },
  );
