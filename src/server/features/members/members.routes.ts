// Routes of members: list with filters, profile, create, update, lifecycle events, transfers, exemptions.
import { createRoute, z } from '@hono/zod-openapi';
import { uuid } from '../../../contracts/common.ts';
import {
  createMemberBody,
  endMembershipBody,
  exemptionBody,
  joinPartyGroupBody,
  memberEventBody,
  memberListQuery,
  memberListResponse,
  memberProfile,
  transferBody,
  updateMemberBody,
} from '../../../contracts/members.ts';
import {
  commonErrors,
  createRouter,
  errorResponseOf,
  jsonResponseOf,
  requireActor,
} from '../../platform/http.ts';
import * as changes from './member-changes.service.ts';
import * as service from './members.service.ts';

const err = errorResponseOf;
const ok = jsonResponseOf;
const common = commonErrors;
const writeErrors = { ...common, 403: err('Not allowed'), 409: err('Duplicate'), 422: err('Invalid state') };
const idParam = z.object({ id: uuid });
const json = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const memberRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/members',
      tags: ['members'],
      summary:
        'Members of an organisation or subtree (or all the actor may see), with filters and diacritic-free search',
      request: { query: memberListQuery },
      responses: { 200: ok(memberListResponse), ...common },
    }),
    async (c) => c.json(await service.list(c.get('db'), requireActor(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/members/{id}',
      tags: ['members'],
      summary: 'A member’s profile; CCCD and phone only for the member and roles that need them',
      request: { params: idParam },
      responses: { 200: ok(memberProfile), ...common },
    }),
    async (c) => c.json(await service.getProfile(c.get('db'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members',
      tags: ['members'],
      summary: 'Add a member to a cell',
      request: json(createMemberBody),
      responses: { 201: ok(z.object({ id: uuid }), 'Created'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.create(c.get('db'), requireActor(c), c.req.valid('json'), { ip: c.get('ip') }),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/members/{id}',
      tags: ['members'],
      summary: 'Update profile fields',
      request: { params: idParam, ...json(updateMemberBody) },
      responses: { 200: ok(memberProfile), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.update(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json'), {
          ip: c.get('ip'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members/{id}/events',
      tags: ['members'],
      summary:
        'Record a lifecycle event (made full, died, removed from the list, expelled) with its document',
      request: { params: idParam, ...json(memberEventBody) },
      responses: { 200: ok(memberProfile), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await changes.recordEvent(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          {
            ip: c.get('ip'),
          },
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members/{id}/transfers',
      tags: ['members'],
      summary: 'Transfer a member (official or temporary) to another cell or out of the system',
      request: { params: idParam, ...json(transferBody) },
      responses: { 200: ok(memberProfile), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await changes.transfer(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json'), {
          ip: c.get('ip'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members/{id}/exemptions',
      tags: ['members'],
      summary: 'Exempt a member from party work and activities (reason, dates)',
      request: { params: idParam, ...json(exemptionBody) },
      responses: { 200: ok(memberProfile), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await changes.exempt(c.get('db'), requireActor(c), c.req.valid('param').id, c.req.valid('json'), {
          ip: c.get('ip'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/group-members',
      tags: ['members'],
      summary: 'Put a member of the cell into this party group from a date (leaving their previous group)',
      request: { params: idParam, ...json(joinPartyGroupBody) },
      responses: { 200: ok(memberProfile), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await changes.joinPartyGroup(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          {
            ip: c.get('ip'),
          },
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/memberships/{id}/end',
      tags: ['members'],
      summary: 'End a temporary attendance or a party-group membership on a date',
      request: { params: idParam, ...json(endMembershipBody) },
      responses: { 200: ok(memberProfile), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await changes.endMembership(
          c.get('db'),
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json').validTo,
          {
            ip: c.get('ip'),
          },
        ),
        200,
      ),
  );
