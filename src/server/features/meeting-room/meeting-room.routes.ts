// Route of the live room: the meeting's shared state now, then again after every change (Server-Sent Events).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { uuid } from '../../../contracts/common.ts';
import { meetingRoom } from '../../../contracts/meetings.ts';
import { message } from '../../../messages/index.ts';
import { notFound } from '../../platform/errors.ts';
import { type AppEnv, assertContract, createRouter, requireActor } from '../../platform/http.ts';
import { getRoom } from './meeting-room.service.ts';
import { streamRoom } from './meeting-room.stream.ts';

export const meetingRoomRoutes: OpenAPIHono<AppEnv> = createRouter();

meetingRoomRoutes.get('/meetings/:id/events', async (ctx) => {
  const actor = requireActor(ctx);
  const id = ctx.req.param('id');
  if (!uuid.safeParse(id).success) throw notFound(message('meeting.not_found'));
  const db = ctx.get('db');
  const room = await getRoom(db, actor, id);
  const checked =
    ctx.get('config').CHECK_RESPONSES === 'on'
      ? (value: unknown) => assertContract(meetingRoom, value, `room event of meeting ${id}`)
      : undefined;
  return streamRoom(ctx, db, id, room, checked);
});
