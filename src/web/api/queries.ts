// Query keys and fetchers of every API read the pages use, typed by the contracts.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { meResponse, roleAssignmentList, sessionListResponse } from '../../contracts/auth.ts';
import {
  type MemberListItem,
  type MemberListQuery,
  memberListResponse,
  memberProfile,
} from '../../contracts/members.ts';
import {
  organizationDetail,
  organizationSearchResponse,
  treeResponse,
} from '../../contracts/organizations.ts';
import { rosterImportView } from '../../contracts/roster-import.ts';
import { api, withQuery } from './client.ts';

/** The list's query as sent: every filter optional (the server fills in the defaults). */
export type MemberListParams = Partial<MemberListQuery>;

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }) => api.get('/me', meResponse, signal),
  staleTime: 60_000,
});

export const treeQuery = (asOf: string | undefined, parentId: string | null) =>
  queryOptions({
    queryKey: ['tree', asOf ?? 'today', parentId ?? 'roots'],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/organizations/tree', { asOf, parentId: parentId ?? undefined }),
        treeResponse,
        signal,
      ),
    staleTime: 60_000,
  });

export const organizationQuery = (id: string, asOf?: string) =>
  queryOptions({
    queryKey: ['organization', id, asOf ?? 'today'],
    queryFn: ({ signal }) => api.get(withQuery(`/organizations/${id}`, { asOf }), organizationDetail, signal),
  });

/** Board officers and followers assigned at an organisation. */
export const rolesQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['roles', organizationId],
    queryFn: ({ signal }) => api.get(`/organizations/${organizationId}/roles`, roleAssignmentList, signal),
  });

export const organizationSearchQuery = (q: string, asOf?: string) =>
  queryOptions({
    queryKey: ['organization-search', q, asOf ?? 'today'],
    queryFn: ({ signal }) =>
      api.get(withQuery('/organizations/search', { q, asOf }), organizationSearchResponse, signal),
    enabled: q.trim().length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const memberListQueryOptions = (params: MemberListParams) =>
  queryOptions({
    queryKey: ['members', params],
    queryFn: ({ signal }) => api.get(withQuery('/members', params), memberListResponse, signal),
    placeholderData: keepPreviousData,
  });

/** Every active member attending the organisation itself (not those below), fetched 200 at a time. */
export const directMembersQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['members', 'direct-all', organizationId],
    queryFn: async ({ signal }) => {
      const items: MemberListItem[] = [];
      for (;;) {
        const page = await api.get(
          withQuery('/members', { organizationId, scope: 'direct', limit: 200, offset: items.length }),
          memberListResponse,
          signal,
        );
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return items;
      }
    },
  });

export const memberQuery = (id: string) =>
  queryOptions({
    queryKey: ['member', id],
    queryFn: ({ signal }) => api.get(`/members/${id}`, memberProfile, signal),
  });

export const sessionsQuery = queryOptions({
  queryKey: ['sessions'],
  queryFn: ({ signal }) => api.get('/auth/sessions', sessionListResponse, signal),
});

const busyStatuses = new Set(['parsing', 'committing']);

export const rosterImportQuery = (id: string) =>
  queryOptions({
    queryKey: ['roster-import', id],
    queryFn: ({ signal }) => api.get(`/roster-imports/${id}`, rosterImportView, signal),
    // Poll about twice a second while the server works through the file.
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      return query.state.data && !busyStatuses.has(query.state.data.status) ? false : 500;
    },
  });
