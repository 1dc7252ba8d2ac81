// The live room: listens to the meeting's server-sent events and merges each 'room' state into the cached detail.
// EventSource reconnects by itself after a network drop; the detail is refetched on every reconnection (events
// sent while away are lost) and whenever this viewer's actions may have changed (they come only with the detail:
// the meeting's actions, and what the viewer may do with each task).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type MeetingDetail, type MeetingRoom, meetingKey } from '../meetings/queries.ts';

export type Connection = 'connecting' | 'open' | 'reconnecting';

export function useMeetingEvents(meetingId: string, enabled: boolean): Connection {
  const queryClient = useQueryClient();
  const [state, setState] = useState<Connection>('connecting');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let wasOpen = false;
    let stopped = false;
    const key = meetingKey(meetingId);

    const connect = () => {
      source = new EventSource(`/api/meetings/${meetingId}/events`);
      source.onopen = () => {
        setState('open');
        // Whatever changed while away came in events this page never saw.
        if (wasOpen) void queryClient.invalidateQueries({ queryKey: key });
        wasOpen = true;
      };
      source.onerror = () => {
        setState('reconnecting');
        // An HTTP error closes the stream for good; try again a little later ourselves.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(connect, 3000);
        }
      };
      source.addEventListener('room', (event) => {
        let data: unknown;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          return;
        }
        // The server checks every room it sends against the contract in tests and journeys (ADR 011); here an
        // event that is not even a versioned room is ignored and the detail fetched again.
        if (!isRoom(data)) {
          void queryClient.invalidateQueries({ queryKey: key });
          return;
        }
        const room = data;
        const old = queryClient.getQueryData<MeetingDetail>(key);
        if (!old) return;
        if (room.version < old.version) return;
        queryClient.setQueryData<MeetingDetail>(key, withViewerTaskActions(old, room));
        if (actionsMayChange(old, room)) void queryClient.invalidateQueries({ queryKey: key });
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [meetingId, enabled, queryClient]);

  return enabled ? state : 'open';
}

const isRoom = (v: unknown): v is MeetingRoom =>
  typeof v === 'object' && v !== null && typeof (v as { version?: unknown }).version === 'number';

type Task = MeetingDetail['tasks'][number];

/**
 * The new room state over the cached detail. The room's tasks are the same for every viewer and carry no actions;
 * each task keeps the actions this viewer's detail gave it (a new task gets them with the refetch that follows).
 */
function withViewerTaskActions(old: MeetingDetail, room: MeetingRoom): MeetingDetail {
  const actions = new Map([...old.tasks, ...old.previousTasks].map((t) => [t.id, t.actions]));
  const keep = (t: Task): Task => ({ ...t, actions: actions.get(t.id) ?? [] });
  return { ...old, ...room, tasks: room.tasks.map(keep), previousTasks: room.previousTasks.map(keep) };
}

/** Whether what this viewer may do with a task may have changed: a new task, or one reviewed or reassigned. */
function taskActionsMayChange(old: MeetingDetail, room: MeetingRoom): boolean {
  const before = new Map([...old.tasks, ...old.previousTasks].map((t) => [t.id, t]));
  return [...room.tasks, ...room.previousTasks].some((t) => {
    const was = before.get(t.id);
    return (
      !was ||
      was.status !== t.status ||
      was.assigneeMemberId !== t.assigneeMemberId ||
      was.assigneeGroupId !== t.assigneeGroupId
    );
  });
}

/**
 * Whether a new room state may change what this viewer may do: the actions depend on the status, on the viewer's
 * own row on the roll (marked present by someone else, say), on who chairs and takes the minutes, on the
 * signatures, and on the tasks (the viewer's task actions come with the detail).
 */
function actionsMayChange(old: MeetingDetail, room: MeetingRoom): boolean {
  const mine = (r: MeetingRoom) => r.attendance.find((a) => a.memberId === old.me?.memberId) ?? null;
  const before = mine(old);
  const after = mine(room);
  return (
    taskActionsMayChange(old, room) ||
    room.status !== old.status ||
    before?.status !== after?.status ||
    before?.canVote !== after?.canVote ||
    room.chair?.id !== old.chair?.id ||
    room.minuteTaker?.id !== old.minuteTaker?.id ||
    room.chairSignedAt !== old.chairSignedAt ||
    room.minuteTakerSignedAt !== old.minuteTakerSignedAt
  );
}
