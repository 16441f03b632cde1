import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { decodeJwt, signJwt } from '../support/jwt';

/** Issue 12, items 3 and 11: what ends a session, and what a valid access token must say. */
describe('security: session revocation and token claims', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', LOGIN_THROTTLE_ACCOUNT_LIMIT: '1000' });
  });
  afterAll(() => app?.stop());

  const signIn = async (email: string, password: string) => (await app.http().post('/api/v1/auth/login').send({ email, password }).expect(200)).body;

  it('a password change ends every other session and keeps the one that made it', async () => {
    const user = await registerCustomer(app);
    const laptop = await signIn(user.email, user.password);
    const phone = await signIn(user.email, user.password);
    await app
      .http()
      .patch('/api/v1/users/me')
      .set(bearer(laptop.accessToken))
      .send({ currentPassword: user.password, newPassword: 'a brand new passphrase for me' })
      .expect(200);
    expectProblem(await app.http().post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }), 401);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(phone.accessToken)), 401);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(user.token)), 401);
    await app.http().get('/api/v1/users/me').set(bearer(laptop.accessToken)).expect(200);
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(200);
  });

  it('deactivation ends all sessions for good: reactivation does not revive old tokens', async () => {
    const admin = await login(app, ADMIN);
    const user = await registerCustomer(app);
    const session = await signIn(user.email, user.password);
    await app.http().patch(`/api/v1/admin/users/${user.id}`).set(bearer(admin)).send({ isActive: false }).expect(200);
    await app.http().patch(`/api/v1/admin/users/${user.id}`).set(bearer(admin)).send({ isActive: true }).expect(200);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(session.accessToken)), 401);
    expectProblem(await app.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }), 401);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(user.token)), 401);
    const again = await signIn(user.email, user.password);
    await app.http().get('/api/v1/users/me').set(bearer(again.accessToken)).expect(200);
  });

  it('refuses a correctly signed access token without exp, or without iat', async () => {
    const user = await registerCustomer(app);
    const claims = decodeJwt(user.token);
    const { exp: _exp, ...noExp } = claims;
    const { iat: _iat, ...noIat } = claims;
    await app.http().get('/api/v1/users/me').set(bearer(signJwt(claims, TEST_JWT_SECRET))).expect(200);
    const withoutExp = await app.http().get('/api/v1/users/me').set(bearer(signJwt(noExp, TEST_JWT_SECRET)));
    expectProblem(withoutExp, 401);
    const withoutIat = await app.http().get('/api/v1/users/me').set(bearer(signJwt(noIat, TEST_JWT_SECRET)));
    expectProblem(withoutIat, 401);
  });
});
