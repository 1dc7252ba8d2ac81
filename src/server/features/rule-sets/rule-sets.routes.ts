// Routes of meeting rule sets: the known versions, the one governing an organisation, assigning one to a subtree.
import { createRoute, z } from '@hono/zod-openapi';
import { uuid } from '../../../contracts/common.ts';
import {
  assignRuleSetBody,
  governingRuleSetQuery,
  governingRuleSetResponse,
  ruleSetList,
} from '../../../contracts/rule-sets.ts';
import {
  commonErrors,
  createRouter,
  errorResponseOf,
  jsonResponseOf,
  requireActor,
  requestMeta as meta,
} from '../../platform/http.ts';
import { reads, who } from '../../platform/routes.ts';
import * as service from './rule-sets.service.ts';

export const ruleSetRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/rule-sets',
      tags: ['rule-sets'],
      summary: 'The versioned meeting rule sets the system knows, with their issuing documents',
      responses: { 200: jsonResponseOf(ruleSetList), ...commonErrors },
    }),
    async (c) => {
      requireActor(c);
      return c.json(service.listRuleSets(), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/rule-set',
      tags: ['rule-sets'],
      summary:
        'The rule set governing an organisation on a date (national, or assigned by an upper committee)',
      request: { params: z.object({ id: uuid }), query: governingRuleSetQuery },
      responses: { 200: jsonResponseOf(governingRuleSetResponse), ...commonErrors },
    }),
    async (c) =>
      c.json(
        await service.getGoverning(...reads(c), c.req.valid('param').id, c.req.valid('query').date),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{id}/rule-sets',
      tags: ['rule-sets'],
      summary: 'Put a rule set in force for this organisation’s subtree from a date',
      request: {
        params: z.object({ id: uuid }),
        body: { content: { 'application/json': { schema: assignRuleSetBody } }, required: true },
      },
      responses: {
        201: jsonResponseOf(z.object({ id: uuid }), 'Assigned'),
        ...commonErrors,
        403: errorResponseOf('Not allowed'),
        409: errorResponseOf('Another assignment from that date'),
      },
    }),
    async (c) =>
      c.json(await service.assign(...who(c), c.req.valid('param').id, c.req.valid('json'), meta(c)), 201),
  );
