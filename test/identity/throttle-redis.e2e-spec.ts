import { randomBytes } from 'node:crypto';
import { CUSTOMER, expectProblem, startTestApp, TestApp } from '../support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('login throttling shared through Redis by several app processes', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    // Two processes, as behind a load balancer, counting in one Redis under one key prefix.
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString('hex')}:`, LOGIN_THROTTLE_ACCOUNT_LIMIT: '3', LOGIN_THROTTLE_IP_LIMIT: '100' };
    [first, second] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('counts attempts for one account across processes', async () => {
    const wrong = { email: CUSTOMER.email, password: 'not the password' };
    expectProblem(await first.http().post('/api/v1/auth/login').send(wrong), 401);
    expectProblem(await second.http().post('/api/v1/auth/login').send(wrong), 401);
    expectProblem(await first.http().post('/api/v1/auth/login').send(wrong), 401);
    const blocked = await second.http().post('/api/v1/auth/login').send(CUSTOMER);
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
