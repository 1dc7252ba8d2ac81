// Reads of the task inbox, the member's meetings and notifications, typed by the contracts; and the labels and
// badge tones of a task's status.
import { queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type {
  myMeetingsResponse,
  notificationList,
  taskStatus,
  taskList,
} from '../../../contracts/meetings.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Tone } from '../../components/ToneBadge.tsx';

export type TaskStatus = z.infer<typeof taskStatus>;
export type NotificationList = z.infer<typeof notificationList>;
export type TaskFilter = 'mine' | 'created' | 'open' | 'overdue' | 'done';

export const myMeetingsQuery = queryOptions({
  queryKey: ['my-meetings'],
  queryFn: ({ signal }) => api.get<z.infer<typeof myMeetingsResponse>>('/me/meetings', signal),
});

export const notificationsQuery = queryOptions({
  queryKey: ['notifications'],
  queryFn: ({ signal }) => api.get<z.infer<typeof notificationList>>('/me/notifications', signal),
  refetchInterval: 60_000,
  staleTime: 30_000,
});

export const tasksQuery = (filter: TaskFilter) =>
  queryOptions({
    queryKey: ['tasks', filter],
    queryFn: ({ signal }) => api.get<z.infer<typeof taskList>>(withQuery('/tasks', { filter }), signal),
  });

export const taskStatusLabel = (t: TFunction, status: TaskStatus): string => t(`taskInbox.status_${status}`);

export const taskStatusTone: Record<TaskStatus, Tone> = {
  open: 'blue',
  done: 'green',
  not_done: 'red',
  cancelled: 'gray',
};
