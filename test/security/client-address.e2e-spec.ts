import { randomBytes } from 'node:crypto';
import { CUSTOMER, expectProblem, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const fresh = () => `203.0.113.${1 + (randomBytes(1)[0] % 250)}, 198.51.100.${1 + (randomBytes(1)[0] % 250)}`;

/** Issue 12, items 2, 7 and 8: per-address limits use the real client address. */
describe('security: rate limits and the client address', () => {
  describe('without TRUST_PROXY (the default)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        LOGIN_THROTTLE_IP_LIMIT: '20',
        LOGIN_THROTTLE_ACCOUNT_LIMIT: '5',
        REGISTER_THROTTLE_IP_LIMIT: '10',
        REFRESH_THROTTLE_IP_LIMIT: '10',
      });
    });
    afterAll(() => app?.stop());

    it('ignores a spoofed X-Forwarded-For: 25 logins to different accounts hit 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        const res = await app
          .http()
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', fresh())
          .send({ email: `spray-${i}@example.com`, password: 'Summer-2026-guess' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    });

    it('limits registrations per address with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      let blocked: Awaited<ReturnType<ReturnType<TestApp['http']>['post']>> | undefined;
      for (let i = 0; i < 25; i++) {
        const res = await app
          .http()
          .post('/api/v1/auth/register')
          .set('x-forwarded-for', fresh())
          .send({ email: `reg-${i}-${randomBytes(3).toString('hex')}@example.com`, password: 'a long enough passphrase', fullName: 'Reg' });
        statuses.push(res.status);
        if (res.status === 429) blocked ??= res;
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
      expectProblem(blocked!, 429);
      expect(Number(blocked!.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('limits refresh calls per address with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 25; i++) {
        const res = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: randomBytes(32).toString('base64url') });
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.headers['retry-after'];
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    });
  });

  describe('behind one trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ TRUST_PROXY: '127.0.0.1', LOGIN_THROTTLE_IP_LIMIT: '20', LOGIN_THROTTLE_ACCOUNT_LIMIT: '5' });
    });
    afterAll(() => app?.stop());

    it('cannot be used to lock the owner out from another address', async () => {
      const owner = await registerCustomer(app);
      for (let i = 0; i < 7; i++) {
        await app.http().post('/api/v1/auth/login').set('x-forwarded-for', '203.0.113.7').send({ email: owner.email, password: 'wrong password guess' });
      }
      const attacker = await app.http().post('/api/v1/auth/login').set('x-forwarded-for', '203.0.113.7').send({ email: owner.email, password: owner.password });
      expectProblem(attacker, 429);
      const fromHome = await app.http().post('/api/v1/auth/login').set('x-forwarded-for', '198.51.100.20').send({ email: owner.email, password: owner.password });
      expect(fromHome.status).toBe(200);
    });

    it('uses the address the trusted proxy saw, not what the client wrote before it', async () => {
      // The client writes a fake first hop; the proxy appends the real address last.
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        const res = await app
          .http()
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', `10.9.${i}.1, 192.0.2.55`)
          .send({ email: `proxy-spray-${i}@example.com`, password: 'Summer-2026-guess' });
        statuses.push(res.status);
      }
      expect(statuses.slice(20)).toEqual([429, 429]);
      const other = await app.http().post('/api/v1/auth/login').set('x-forwarded-for', '192.0.2.56').send(CUSTOMER);
      expect(other.status).toBe(200);
    });
  });
});
