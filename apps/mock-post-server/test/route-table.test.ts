import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../src/clients';
import { json } from '../src/http';
import { createPostRoutes } from '../src/post-routes';
import type { MockRoute } from '../src/route-table';
import { createRouteMatcher } from '../src/route-table';
import { createMockPostServer } from '../src/server';
import { createMockPostState } from '../src/state';

const row = (method: 'GET' | 'POST', path: string, route: MockRoute['route']): MockRoute => ({
  method,
  path,
  route,
  auth: 'none',
  handle: () => ({ answer: json(200, {}) }),
});

describe('createRouteMatcher', () => {
  const match = createRouteMatcher([
    row('GET', '/a/:operation', 'locations'),
    row('POST', '/a/:operation', 'locations'),
    row('POST', '/token.json', 'token'),
  ]);

  it('matches exact paths and `:name` segments, one non-empty segment each', () => {
    expect(match('GET', '/a/Find')).toMatchObject({ kind: 'route', params: { operation: 'Find' } });
    expect(match('POST', '/token.json')).toMatchObject({ kind: 'route', params: {} });
    expect(match('GET', '/a/')).toEqual({ kind: 'none' });
    expect(match('GET', '/a/Find/more')).toEqual({ kind: 'none' });
    // A dot in a path is a dot, not "any character".
    expect(match('POST', '/tokenxjson')).toEqual({ kind: 'none' });
  });

  it('answers a known path with another method by the methods its rows take', () => {
    expect(match('PUT', '/a/Find')).toEqual({
      kind: 'wrong-method',
      route: 'locations',
      allow: ['GET', 'POST'],
    });
  });

  it('refuses a table with two rows for one method and path, or one path in two services', () => {
    expect(() =>
      createRouteMatcher([row('GET', '/x', 'token'), row('GET', '/x', 'token')]),
    ).toThrow('Two routes for GET /x');
    expect(() =>
      createRouteMatcher([row('GET', '/x', 'token'), row('POST', '/x', 'barcode')]),
    ).toThrow('/x belongs to two services');
  });
});

describe('the simulator answers from its route table', () => {
  const rows = createPostRoutes({
    clients: [DEMO_CLIENT],
    state: createMockPostState(),
    tokenTtlSeconds: 60,
  });

  it.each(rows.map((route) => [route.method, route.path, route] as const))(
    'any other method than %s on %s is 405 with Allow, counted on its service',
    async (_method, _path, route) => {
      await using post = await createMockPostServer();
      const path = route.path.replace(':operation', 'Find');
      const other = route.method === 'GET' ? 'POST' : 'GET';
      const response = await fetch(`${post.url}${path}`, { method: other });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(route.method);
      expect(post.state.count(route.route)).toBe(1);
    },
  );

  it('answers an API row without a bearer 401, and a public row without one', async () => {
    await using post = await createMockPostServer();
    for (const route of rows) {
      const path = route.path.replace(':operation', 'Types');
      const response = await fetch(`${post.url}${path}`, { method: route.method });
      if (route.auth === 'bearer') expect(response.status).toBe(401);
      else expect(response.status).not.toBe(401);
    }
  });
});
