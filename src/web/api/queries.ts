// Query keys and fetchers of every API read the pages use, typed by the contracts.
import type { z } from 'zod';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { meResponse, roleAssignmentList, sessionListResponse } from '../../contracts/auth.ts';
import type {
  MemberListItem,
  MemberListQuery,
  memberListResponse,
  memberProfile,
} from '../../contracts/members.ts';
import type {
  organizationDetail,
  organizationSearchResponse,
  treeResponse,
} from '../../contracts/organizations.ts';
import type { rosterImportView } from '../../contracts/roster-import.ts';
import { api, withQuery } from './client.ts';

/** The list's query as sent: every filter optional (the server fills in the defaults). */
export type MemberListParams = Partial<MemberListQuery>;

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }) => api.get<z.infer<typeof meResponse>>('/me', signal),
  staleTime: 60_000,
});

export const treeQuery = (asOf: string | undefined, parentId: string | null) =>
  queryOptions({
    queryKey: ['tree', asOf ?? 'today', parentId ?? 'roots'],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof treeResponse>>(
        withQuery('/organizations/tree', { asOf, parentId: parentId ?? undefined }),
        signal,
      ),
    staleTime: 60_000,
  });

export const organizationQuery = (id: string, asOf?: string) =>
  queryOptions({
    queryKey: ['organization', id, asOf ?? 'today'],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof organizationDetail>>(withQuery(`/organizations/${id}`, { asOf }), signal),
  });

/** Board officers and followers assigned at an organisation. */
export const rolesQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['roles', organizationId],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof roleAssignmentList>>(`/organizations/${organizationId}/roles`, signal),
  });

export const organizationSearchQuery = (q: string, asOf?: string) =>
  queryOptions({
    queryKey: ['organization-search', q, asOf ?? 'today'],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof organizationSearchResponse>>(
        withQuery('/organizations/search', { q, asOf }),
        signal,
      ),
    enabled: q.trim().length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const memberListQueryOptions = (params: MemberListParams) =>
  queryOptions({
    queryKey: ['members', params],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof memberListResponse>>(withQuery('/members', params), signal),
    placeholderData: keepPreviousData,
  });

/** Every active member attending the organisation itself (not those below), fetched 200 at a time. */
export const directMembersQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['members', 'direct-all', organizationId],
    queryFn: async ({ signal }) => {
      const items: MemberListItem[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await api.get<z.infer<typeof memberListResponse>>(
          withQuery('/members', { organizationId, scope: 'direct', limit: 200, cursor }),
          signal,
        );
        items.push(...page.items);
        if (page.nextCursor === null) return items;
        cursor = page.nextCursor;
      }
    },
  });

export const memberQuery = (id: string) =>
  queryOptions({
    queryKey: ['member', id],
    queryFn: ({ signal }) => api.get<z.infer<typeof memberProfile>>(`/members/${id}`, signal),
  });

export const sessionsQuery = queryOptions({
  queryKey: ['sessions'],
  queryFn: ({ signal }) => api.get<z.infer<typeof sessionListResponse>>('/auth/sessions', signal),
});

const busyStatuses = new Set(['parsing', 'committing']);

export const rosterImportQuery = (id: string) =>
  queryOptions({
    queryKey: ['roster-import', id],
    queryFn: ({ signal }) => api.get<z.infer<typeof rosterImportView>>(`/roster-imports/${id}`, signal),
    // Poll about twice a second while the server works through the file.
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      return query.state.data && !busyStatuses.has(query.state.data.status) ? false : 500;
    },
  });
