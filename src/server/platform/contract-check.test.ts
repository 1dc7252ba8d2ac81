// With CHECK_RESPONSES=on every JSON answer a route returns is checked against its contract (ADR 011): the web
// no longer parses answers, so a server that drifts from its contracts must fail here, in tests and journeys.
import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.ts';
import { assertContract, ContractBreach, createRouter, jsonResponseOf, onError } from './http.ts';
import { logger } from './logger.ts';

const answer = z.object({ total: z.number().int(), names: z.array(z.string()) });

function appAnswering(body: unknown, checks: 'on' | 'off') {
  const router = createRouter();
  router.use('*', async (c, next) => {
    c.set('config', loadConfig({ CHECK_RESPONSES: checks }));
    await next();
  });
  router.openapi(
    createRoute({ method: 'get', path: '/things', responses: { 200: jsonResponseOf(answer) } }),
    (c) => c.json(body as z.infer<typeof answer>, 200),
  );
  router.onError(onError);
  return router;
}

describe('the contract check of answers', () => {
  it('lets an answer that fits its contract through unchanged', async () => {
    const res = await appAnswering({ total: 2, names: ['Lê Thị Hoa', 'Đặng Văn Đức'] }, 'on').request(
      '/things',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: 2, names: ['Lê Thị Hoa', 'Đặng Văn Đức'] });
  });

  it('turns an answer that breaks its contract into a logged 500 naming the route and the field', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const res = await appAnswering({ total: 'many', names: [] }, 'on').request('/things');
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal');
    expect(JSON.stringify(logged.mock.calls)).toMatch(
      /GET \/things \(200\) does not match its contract: total/,
    );
    logged.mockRestore();
  });

  it('is off unless asked for (production trusts the types)', async () => {
    const res = await appAnswering({ total: 'many', names: [] }, 'off').request('/things');
    expect(res.status).toBe(200);
  });

  it('names each broken field of a value, for the live room too', () => {
    expect(() => assertContract(answer, { total: 1.5, names: [3] }, 'room event')).toThrow(ContractBreach);
    expect(() => assertContract(answer, { total: 1.5, names: [3] }, 'room event')).toThrow(
      /room event does not match its contract: total: .*; names\.0: /,
    );
    expect(() => assertContract(answer, { total: 1, names: [] }, 'room event')).not.toThrow();
  });
});
