import { ADMIN, bearer, CUSTOMER, expectProblem, login, registerCustomer, startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { decodeJwt, signJwt } from '../support/jwt';

describe('identity: register, login, refresh, logout', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', LOGIN_THROTTLE_ACCOUNT_LIMIT: '1000' });
  });
  afterAll(() => app?.stop());

  it('registers a customer, signs them in, and shows their profile without the hash', async () => {
    const res = await app
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'New.User@Example.com', password: 'a long enough passphrase', fullName: 'New User', phone: '+44 20 7946 0001' })
      .expect(201);
    expect(res.body).toEqual(
      expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 }),
    );
    expect(res.body.user).toEqual(expect.objectContaining({ email: 'new.user@example.com', role: 'customer', isActive: true }));
    const me = await app.http().get('/api/v1/users/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body.email).toBe('new.user@example.com');
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|password/i);
    const { rows } = await app.db.query(`SELECT name FROM outbox WHERE aggregate_id = $1 ORDER BY occurred_at`, [res.body.user.id]);
    expect(rows.map((r) => r.name)).toEqual(['UserRegistered', 'UserSignedIn']);
  });

  it('refuses a duplicate email whatever its case with 409', async () => {
    const { email } = await registerCustomer(app);
    const res = await app
      .http()
      .post('/api/v1/auth/register')
      .send({ email: email.toUpperCase(), password: 'another long passphrase', fullName: 'Dup' });
    expectProblem(res, 409);
    expect(res.body.code).toBe('user.email_taken');
  });

  it('rejects unknown fields such as role, naming them', async () => {
    const res = await app
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'sneaky@example.com', password: 'a long enough passphrase', fullName: 'Sneaky', role: 'admin' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'role', message: 'is not an allowed field' }]);
    const { rowCount } = await app.db.query(`SELECT 1 FROM users WHERE email = 'sneaky@example.com'`);
    expect(rowCount).toBe(0);
  });

  it('enforces the password policy and names the field', async () => {
    const res = await app.http().post('/api/v1/auth/register').send({ email: 'weak@example.com', password: 'short', fullName: 'Weak' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('at least 10') }]);
  });

  it('answers wrong credentials with 401 and the same message for unknown emails', async () => {
    const wrong = await app.http().post('/api/v1/auth/login').send({ email: CUSTOMER.email, password: 'not the password' });
    const unknown = await app.http().post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'not the password' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rotates refresh tokens, and reusing a rotated one revokes the whole session', async () => {
    const first = await app.http().post('/api/v1/auth/login').send(CUSTOMER).expect(200);
    const second = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    await app.http().get('/api/v1/users/me').set(bearer(second.body.accessToken)).expect(200);

    const replay = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expectProblem(replay, 401);
    expect(replay.body.code).toBe('auth.refresh_reused');
    // the thief's replay also ended the legitimate holder's session
    expectProblem(await app.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }), 401);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(second.body.accessToken)), 401);
  });

  it('logout revokes the session: access and refresh tokens stop working', async () => {
    const session = await app.http().post('/api/v1/auth/login').send(CUSTOMER).expect(200);
    await app.http().post('/api/v1/auth/logout').set(bearer(session.body.accessToken)).send({ refreshToken: session.body.refreshToken }).expect(204);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(session.body.accessToken)), 401);
    expectProblem(await app.http().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }), 401);
  });

  it('rejects expired, tampered and alg:none tokens with 401', async () => {
    const token = await login(app, CUSTOMER);
    const claims = decodeJwt(token);
    const expired = signJwt({ ...claims, iat: 1_600_000_000, exp: 1_600_000_900 }, TEST_JWT_SECRET);
    const [h, , s] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const otherKey = signJwt(claims, 'some-other-secret-that-is-long-enough-xx');
    for (const bad of [expired, tampered, none, otherKey, 'not-a-jwt']) {
      const res = await app.http().get('/api/v1/users/me').set(bearer(bad));
      expectProblem(res, 401);
    }
    const res = await app.http().get('/api/v1/users/me').set(bearer(expired));
    expect(res.body.detail).toMatch(/expired/);
  });

  // The process remembers tokens it has verified (VerifiedTokens): what it remembers is the
  // signature check only, never whether the session is still open, and only until `exp`.
  it('refuses a token used many times before at once after its logout', async () => {
    const session = await app.http().post('/api/v1/auth/login').send(CUSTOMER).expect(200);
    for (let i = 0; i < 3; i++) await app.http().get('/api/v1/users/me').set(bearer(session.body.accessToken)).expect(200);
    await app.http().post('/api/v1/auth/logout').set(bearer(session.body.accessToken)).send({ refreshToken: session.body.refreshToken }).expect(204);
    const res = await app.http().get('/api/v1/users/me').set(bearer(session.body.accessToken));
    expectProblem(res, 401);
    expect(res.body.code).toBe('auth.session_inactive');
  });

  it('refuses a token used before once its exp has passed', async () => {
    const claims = decodeJwt(await login(app, CUSTOMER));
    const now = Math.floor(Date.now() / 1000);
    const shortLived = signJwt({ ...claims, iat: now, exp: now + 2 }, TEST_JWT_SECRET);
    await app.http().get('/api/v1/users/me').set(bearer(shortLived)).expect(200);
    await app.http().get('/api/v1/users/me').set(bearer(shortLived)).expect(200);
    await new Promise((r) => setTimeout(r, (now + 2) * 1000 - Date.now() + 50));
    const res = await app.http().get('/api/v1/users/me').set(bearer(shortLived));
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('keeps customers out of admin routes (403) and lets admins in', async () => {
    const customer = await login(app, CUSTOMER);
    expectProblem(await app.http().get('/api/v1/admin/users').set(bearer(customer)), 403);
    expectProblem(await app.http().get('/api/v1/roles').set(bearer(customer)), 403);
    const admin = await login(app, ADMIN);
    const roles = await app.http().get('/api/v1/roles').set(bearer(admin)).expect(200);
    expect(roles.body.map((r: { name: string }) => r.name)).toEqual(['customer', 'technician', 'seller', 'admin']);
  });

  it('lets an admin list and filter users with a capped page size', async () => {
    const admin = await login(app, ADMIN);
    const techs = await app.http().get('/api/v1/admin/users?role=technician').set(bearer(admin)).expect(200);
    expect(techs.body).toEqual(expect.objectContaining({ total: 1, page: 1, limit: 20 }));
    expect(techs.body.items[0].email).toBe('technician@example.com');
    const search = await app.http().get('/api/v1/admin/users?email=CUSTOMER@').set(bearer(admin)).expect(200);
    expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(['customer@example.com']);
    const paged = await app.http().get('/api/v1/admin/users?limit=1&page=2').set(bearer(admin)).expect(200);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThanOrEqual(3);
    for (const q of ['limit=0', 'limit=1000', 'page=0', 'role=wizard', 'isActive=maybe', 'limit=abc']) {
      const res = await app.http().get(`/api/v1/admin/users?${q}`).set(bearer(admin));
      expectProblem(res, 400);
      expect(res.body.errors[0].field).toBe(q.split('=')[0]);
    }
  });

  it('deactivating a user ends their access at once and blocks login', async () => {
    const victim = await registerCustomer(app);
    const admin = await login(app, ADMIN);
    const session = await app.http().post('/api/v1/auth/login').send({ email: victim.email, password: victim.password }).expect(200);
    const patched = await app.http().patch(`/api/v1/admin/users/${victim.id}`).set(bearer(admin)).send({ isActive: false }).expect(200);
    expect(patched.body.isActive).toBe(false);
    expectProblem(await app.http().get('/api/v1/users/me').set(bearer(session.body.accessToken)), 401);
    const relog = await app.http().post('/api/v1/auth/login').send({ email: victim.email, password: victim.password });
    expectProblem(relog, 401);
    expect(relog.body.code).toBe('auth.account_deactivated');
    expectProblem(await app.http().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }), 401);
  });

  it('applies a role change immediately and stops admins from demoting themselves', async () => {
    const user = await registerCustomer(app);
    const admin = await login(app, ADMIN);
    await app.http().patch(`/api/v1/admin/users/${user.id}`).set(bearer(admin)).send({ role: 'technician' }).expect(200);
    const me = await app.http().get('/api/v1/users/me').set(bearer(user.token)).expect(200);
    expect(me.body.role).toBe('technician');
    const adminId = (await app.http().get('/api/v1/users/me').set(bearer(admin))).body.id;
    expectProblem(await app.http().patch(`/api/v1/admin/users/${adminId}`).set(bearer(admin)).send({ isActive: false }), 409);
    expectProblem(await app.http().patch(`/api/v1/admin/users/not-a-uuid`).set(bearer(admin)).send({ role: 'admin' }), 400);
    expectProblem(await app.http().patch(`/api/v1/admin/users/00000000-0000-4000-8000-000000000000`).set(bearer(admin)).send({ role: 'admin' }), 404);
  });

  it('updates the profile and changes the password only with the current one', async () => {
    const user = await registerCustomer(app);
    const res = await app.http().patch('/api/v1/users/me').set(bearer(user.token)).send({ fullName: 'Renamed', address: '2 Low Road' }).expect(200);
    expect(res.body).toEqual(expect.objectContaining({ fullName: 'Renamed', address: '2 Low Road' }));
    const noCurrent = await app.http().patch('/api/v1/users/me').set(bearer(user.token)).send({ newPassword: 'a brand new passphrase' });
    expectProblem(noCurrent, 400);
    expect(noCurrent.body.errors[0].field).toBe('currentPassword');
    await app
      .http()
      .patch('/api/v1/users/me')
      .set(bearer(user.token))
      .send({ currentPassword: user.password, newPassword: 'a brand new passphrase' })
      .expect(200);
    await app.http().post('/api/v1/auth/login').send({ email: user.email, password: 'a brand new passphrase' }).expect(200);
    const extra = await app.http().patch('/api/v1/users/me').set(bearer(user.token)).send({ email: 'other@example.com' });
    expectProblem(extra, 400);
    expect(extra.body.errors[0]).toEqual({ field: 'email', message: 'is not an allowed field' });
  });
});

describe('identity: login throttling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '8', LOGIN_THROTTLE_ACCOUNT_LIMIT: '3', LOGIN_THROTTLE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => app?.stop());

  it('limits attempts per account with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      expectProblem(await app.http().post('/api/v1/auth/login').send({ email: CUSTOMER.email, password: 'wrong password' }), 401);
    }
    const blocked = await app.http().post('/api/v1/auth/login').send(CUSTOMER);
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // another account from the same address is still allowed
    await app.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
  });

  it('limits attempts per IP across accounts', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (await app.http().post('/api/v1/auth/login').send({ email: `nobody${i}@example.com`, password: 'wrong password' })).status;
    }
    expect(last).toBe(429);
  });
});
