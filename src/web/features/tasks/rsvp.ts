// A member's answer to a meeting notice (attend, or ask to be excused), shared by the home's cards and the form.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { rsvpBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';

type RsvpBody = z.input<typeof rsvpBody>;

export function useRsvp(meetingId: string, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RsvpBody) => api.post(`/meetings/${meetingId}/rsvp`, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['my-meetings'] }),
        queryClient.invalidateQueries({ queryKey: ['meeting', meetingId] }),
      ]);
      onDone?.();
    },
  });
}
