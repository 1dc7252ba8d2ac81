// Routes of the organisation tree: browse as of a date, search, organisation pages, create, reorganise.
import { createRoute, z } from '@hono/zod-openapi';
import { isoDate, uuid } from '../../../contracts/common.ts';
import {
  assignPositionBody,
  createCommitteeBody,
  createOrganizationBody,
  endCommitteeBody,
  endPositionBody,
  organizationDetail,
  organizationSearchResponse,
  reorganizationBody,
  reorganizationResponse,
  searchQuery,
  treeQuery,
  treeResponse,
} from '../../../contracts/organizations.ts';
import {
  commonErrors,
  createRouter,
  errorResponseOf,
  jsonResponseOf,
  requestMeta as meta,
} from '../../platform/http.ts';
import { reads, who } from '../../platform/routes.ts';
import * as committees from './committees.service.ts';
import * as changes from './organization-changes.service.ts';
import * as service from './organizations.service.ts';

const err = errorResponseOf;
const ok = jsonResponseOf;
const common = commonErrors;

export const organizationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/tree',
      tags: ['organizations'],
      summary: 'Children of a node (or the actor’s roots) as of a date, with member counts rolled up',
      request: { query: treeQuery },
      responses: { 200: ok(treeResponse), ...common },
    }),
    async (c) => c.json(await service.getTree(...reads(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/search',
      tags: ['organizations'],
      summary: 'Organisations whose name contains the text, ignoring diacritics',
      request: { query: searchQuery },
      responses: { 200: ok(organizationSearchResponse), ...common },
    }),
    async (c) => c.json(await service.search(...reads(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}',
      tags: ['organizations'],
      summary:
        'An organisation’s page: ancestry, committee and positions, children, counts, history, allowed actions',
      request: { params: z.object({ id: uuid }), query: z.object({ asOf: isoDate.optional() }) },
      responses: { 200: ok(organizationDetail), ...common },
    }),
    async (c) =>
      c.json(await service.getDetail(...reads(c), c.req.valid('param').id, c.req.valid('query').asOf), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations',
      tags: ['organizations'],
      summary: 'Create an organisation under a parent from a date',
      request: {
        body: { content: { 'application/json': { schema: createOrganizationBody } }, required: true },
      },
      responses: {
        201: ok(z.object({ id: uuid }), 'Created'),
        ...common,
        403: err('Not allowed'),
        422: err('Not a valid place in the tree'),
      },
    }),
    async (c) => c.json(await changes.createOrganization(...who(c), c.req.valid('json'), meta(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reorganizations',
      tags: ['organizations'],
      summary:
        'Move, rename, dissolve, merge or split organisations from an effective date (kept in history)',
      request: { body: { content: { 'application/json': { schema: reorganizationBody } }, required: true } },
      responses: {
        201: ok(reorganizationResponse, 'Applied'),
        ...common,
        403: err('Not allowed'),
        422: err('The change breaks a tree rule (cycle, kind, not empty, date before the last change)'),
      },
    }),
    async (c) => c.json(await changes.reorganize(...who(c), c.req.valid('json'), meta(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/committees',
      tags: ['organizations'],
      summary: 'Open a committee term (nhiệm kỳ) of an organisation',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: createCommitteeBody } }, required: true },
      },
      responses: {
        201: ok(z.object({ id: uuid }), 'Created'),
        ...common,
        403: err('Not allowed'),
        409: err('Overlapping term'),
      },
    }),
    async (c) =>
      c.json(
        await committees.createCommittee(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/positions',
      tags: ['organizations'],
      summary:
        'Give a member an office (secretary, deputy, standing member, committee member, group leader) from a date',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: assignPositionBody } }, required: true },
      },
      responses: {
        201: ok(z.object({ id: uuid }), 'Created'),
        ...common,
        403: err('Not allowed'),
        409: err('Office taken'),
      },
    }),
    async (c) =>
      c.json(
        await committees.assignPosition(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/positions/{id}/end',
      tags: ['organizations'],
      summary: 'End an office on a date',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: endPositionBody } }, required: true },
      },
      responses: {
        200: ok(z.object({ ok: z.literal(true) })),
        ...common,
        403: err('Not allowed'),
        422: err('Already ended'),
      },
    }),
    async (c) => {
      await committees.endPosition(...who(c), c.req.valid('param').id, c.req.valid('json').validTo, meta(c));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/committees/{id}/end',
      tags: ['organizations'],
      summary: 'Close a committee term; offices still held in it end the same day',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: endCommitteeBody } }, required: true },
      },
      responses: {
        200: ok(z.object({ ok: z.literal(true) })),
        ...common,
        403: err('Not allowed'),
        422: err('Already ended'),
      },
    }),
    async (c) => {
      await committees.endCommittee(...who(c), c.req.valid('param').id, c.req.valid('json').termEnd, meta(c));
      return c.json({ ok: true as const }, 200);
    },
  );
