import type { Scenario } from '../scenario';
import { throughputVsProductById } from './catalog';

/**
 * The cost of an authenticated request (JWT check, the session from the process's cache, one user
 * read) against a constant route; the constant route also probes the host's speed at each size.
 */
export const identityScenarios: Scenario[] = [
  {
    name: 'identity.me',
    description:
      "GET /api/v1/users/me with a bearer token; baseline: a bare Fastify route returning a constant JSON, which reads no database: run at every size in every round, it tells the host's speed next to each size's measurements",
    perDataset: true,
    connections: 10,
    app: (ctx) => {
      const headers = { authorization: `Bearer ${ctx.tokens.customer}` };
      return () => ({ path: '/api/v1/users/me', headers });
    },
    baseline: () => () => ({ path: '/constant' }),
    checks: (results) => throughputVsProductById(results, 'identity.me', 'users/me', 0.8),
  },
];
