// The live room over Server-Sent Events: the first state, then every newer one from the room's channel (which
// relays changes made in any server process).
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Database } from '../../platform/db.ts';
import type { AppEnv } from '../../platform/http.ts';
import { subscribe } from './meeting-room.service.ts';

/**
 * Streams the first room, then every newer one (only the newest state matters), with a ping when idle. `check`
 * (with CHECK_RESPONSES=on) throws on a room that breaks its contract, which ends the stream.
 */
export function streamRoom(
  ctx: Context<AppEnv>,
  db: Database,
  meetingId: string,
  first: unknown,
  check: (room: unknown) => void = () => {},
) {
  return streamSSE(ctx, async (stream) => {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = await subscribe(db, meetingId, (roomJson) => {
      queue.length = 0;
      queue.push(roomJson);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    check(first);
    await stream.writeSSE({ event: 'room', data: JSON.stringify(first) });
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
      if (next) {
        check(JSON.parse(next));
        await stream.writeSSE({ event: 'room', data: next });
      } else await stream.write(': ping\n\n');
    }
    unsubscribe();
  });
}
