// What every resource's action rule shares: why an action is refused now, and the allowed set it implies.
import type { Message } from '../messages/index.ts';

/** Why the viewer may not take an action now: no right (403), the resource's state (422), or a race (409). */
export interface Refusal {
  error: 'forbidden' | 'invalid_state' | 'conflict';
  message: Message;
}

export const forbidden = (message: Message): Refusal => ({ error: 'forbidden', message });
export const invalidState = (message: Message): Refusal => ({ error: 'invalid_state', message });
export const conflict = (message: Message): Refusal => ({ error: 'conflict', message });

/** The actions, out of `all`, that nothing refuses: exactly what the server allows, sent as `actions`. */
export function allowedBy<A extends string>(all: readonly A[], refusal: (action: A) => Refusal | null): A[] {
  return all.filter((a) => refusal(a) === null);
}
