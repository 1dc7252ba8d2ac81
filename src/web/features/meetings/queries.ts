// Reads and writes of one meeting: the detail (kept live by the room's events), the member's own meetings, and a
// hook that posts a write, shows the server's error and refreshes the detail.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type {
  meetingDetail as MeetingDetailSchema,
  meetingDetail,
  meetingRoom,
} from '../../../contracts/meetings.ts';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client.ts';

export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;
export type MeetingRoom = z.infer<typeof meetingRoom>;
export type AttendanceRow = MeetingDetail['attendance'][number];
export type AgendaItem = MeetingDetail['agenda'][number];
export type VoteView = MeetingDetail['votes'][number];
export type TaskView = MeetingDetail['tasks'][number];
export type MeetingAction = MeetingDetail['actions'][number];

export const meetingKey = (id: string) => ['meeting', id] as const;

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKey(id),
    queryFn: ({ signal }) => api.get<z.infer<typeof meetingDetail>>(`/meetings/${id}`, signal),
  });

export const can = (detail: MeetingDetail, action: MeetingAction): boolean => detail.actions.includes(action);

/** The signed-in member's row on the roll, if any. */
export function myRow(detail: MeetingDetail): AttendanceRow | null {
  if (!detail.me) return null;
  return detail.attendance.find((r) => r.memberId === detail.me?.memberId) ?? null;
}

/**
 * Posts one write about a meeting, then refetches the detail (the room's event updates the others; this viewer's
 * actions and `me` come only with the detail). Errors go to `onError` or, by default, to a red notification.
 */
export function useMeetingWrite<B, R = unknown>(
  meetingId: string,
  send: (body: B) => Promise<R>,
  options: { done?: string; onDone?: (result: R) => void; onError?: (e: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation();
  return useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: meetingKey(meetingId) });
      if (options.done) notifications.show({ color: 'green', message: options.done });
      options.onDone?.(result);
    },
    onError: (e) => {
      if (options.onError) return options.onError(e);
      notifications.show({
        color: 'red',
        message: e instanceof ApiError ? e.messageFor(i18n.language) : t('errors.generic'),
      });
    },
  });
}
