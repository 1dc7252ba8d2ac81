// Routes of members: list with filters, profile, create, update, lifecycle events, transfers, exemptions.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
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
  type AppEnv,
  createRouter,
  jsonBodyOf,
  jsonResponseOf,
  requestMeta as meta,
  writeErrorsOf,
} from '../../platform/http.ts';
import { idParams, routesOf, reads, who } from '../../platform/routes.ts';
import * as changes from './member-changes.service.ts';
import * as service from './members.service.ts';

const writeErrors = writeErrorsOf('Duplicate', 'Invalid state');
const { read, write } = routesOf('members', writeErrors);

export const memberRoutes: OpenAPIHono<AppEnv> = createRouter()
  .openapi(
    read(
      '/members',
      'Members of an organisation or subtree (or all the actor may see), with filters and diacritic-free search',
      { query: memberListQuery },
      memberListResponse,
    ),
    async (c) => c.json(await service.list(...reads(c), c.req.valid('query')), 200),
  )
  .openapi(
    read(
      '/members/{id}',
      'A member’s profile; CCCD and phone only for the member and roles that need them',
      { params: idParams },
      memberProfile,
    ),
    async (c) => c.json(await service.getProfile(...reads(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members',
      tags: ['members'],
      summary: 'Add a member to a cell',
      request: jsonBodyOf(createMemberBody),
      responses: { 201: jsonResponseOf(z.object({ id: uuid }), 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.create(...who(c), c.req.valid('json'), meta(c)), 201),
  )
  .openapi(
    write('patch', '/members/{id}', 'Update profile fields', idParams, updateMemberBody, memberProfile),
    async (c) =>
      c.json(await service.update(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)), 200),
  )
  .openapi(
    write(
      'post',
      '/members/{id}/events',
      'Record a lifecycle event (made full, died, removed from the list, expelled) with its document',
      idParams,
      memberEventBody,
      memberProfile,
    ),
    async (c) =>
      c.json(
        await changes.recordEvent(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/members/{id}/transfers',
      'Transfer a member (official or temporary) to another cell or out of the system',
      idParams,
      transferBody,
      memberProfile,
    ),
    async (c) =>
      c.json(await changes.transfer(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)), 200),
  )
  .openapi(
    write(
      'post',
      '/members/{id}/exemptions',
      'Exempt a member from party work and activities (reason, dates)',
      idParams,
      exemptionBody,
      memberProfile,
    ),
    async (c) =>
      c.json(await changes.exempt(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)), 200),
  )
  .openapi(
    write(
      'post',
      '/organizations/{id}/group-members',
      'Put a member of the cell into this party group from a date (leaving their previous group)',
      idParams,
      joinPartyGroupBody,
      memberProfile,
    ),
    async (c) =>
      c.json(
        await changes.joinPartyGroup(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)),
        200,
      ),
  )
  .openapi(
    write(
      'post',
      '/memberships/{id}/end',
      'End a temporary attendance or a party-group membership on a date',
      idParams,
      endMembershipBody,
      memberProfile,
    ),
    async (c) =>
      c.json(
        await changes.endMembership(...who(c), c.req.valid('param').id, c.req.valid('json').validTo, meta(c)),
        200,
      ),
  );
