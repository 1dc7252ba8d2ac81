// The live room over Server-Sent Events: the first state, then every newer one from the in-process channel.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../platform/http.ts';
import { subscribe } from './meeting-room.service.ts';

export /** Streams the first room, then every newer one (only the newest state matters), with a ping when idle. */
function streamRoom(ctx: Context<AppEnv>, meetingId: string, first: unknown) {
  return streamSSE(ctx, async (stream) => {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = subscribe(meetingId, (roomJson) => {
      queue.length = 0;
      queue.push(roomJson);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
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
      if (next) await stream.writeSSE({ event: 'room', data: next });
      else await stream.write(': ping\n\n');
    }
    unsubscribe();
  });
}
