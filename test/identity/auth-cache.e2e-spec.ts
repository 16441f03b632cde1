import { ADMIN, bearer, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

/**
 * Two app processes on one database. Each remembers open sessions in memory (no database round
 * trip per request); a change committed through either process, or straight in the database,
 * reaches the other through LISTEN/NOTIFY.
 */
describe('identity: session cache across two processes', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, a);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const me = (app: TestApp, token: string) => app.http().get('/api/v1/users/me').set(bearer(token));

  /** Asks until the answer is `status`, at most 20 times 50 ms apart (about one second). */
  async function eventually(
    app: TestApp,
    token: string,
    status: number,
    path = '/api/v1/users/me',
  ): Promise<number> {
    let last = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      last = (await app.http().get(path).set(bearer(token))).status;
      if (last === status) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    return last;
  }

  /** Runs SQL with triggers off (session_replication_role = replica): a change nobody is notified of. */
  async function silently(sql: string, values: unknown[]): Promise<void> {
    const client = await a.db.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(sql, values);
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
  }

  it('a logout on one process is refused on the other within about a second', async () => {
    const customer = await registerCustomer(a);
    const session = await a
      .http()
      .post('/api/v1/auth/login')
      .send({ email: customer.email, password: customer.password })
      .expect(200);
    const token = session.body.accessToken as string;
    await me(b, token).expect(200);
    await me(b, token).expect(200);
    await a
      .http()
      .post('/api/v1/auth/logout')
      .set(bearer(token))
      .send({ refreshToken: session.body.refreshToken })
      .expect(204);
    expect(await eventually(b, token, 401)).toBe(401);
    expect((await me(a, token)).status).toBe(401);
  });

  it('answers from memory: a revocation nobody is notified of is not seen until the cache lets go', async () => {
    const customer = await registerCustomer(a);
    await me(b, customer.token).expect(200);
    await silently(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = $1`,
      [customer.id],
    );
    // b still trusts what it remembered (the proof that no query ran) ...
    await me(b, customer.token).expect(200);
    // ... until anything notifies about this user: here a profile change through process a
    await a
      .http()
      .patch('/api/v1/users/me')
      .set(bearer(customer.token))
      .send({ fullName: 'Renamed' })
      .expect(401);
    await a.db.query(`UPDATE users SET full_name = 'Renamed' WHERE id = $1`, [customer.id]);
    expect(await eventually(b, customer.token, 401)).toBe(401);
  });

  it('deactivation and a role change made through one process apply on the other', async () => {
    const admin = await login(a, ADMIN);
    const customer = await registerCustomer(a);
    await b.http().get('/api/v1/admin/users').set(bearer(customer.token)).expect(403);
    await a
      .http()
      .patch(`/api/v1/admin/users/${customer.id}`)
      .set(bearer(admin))
      .send({ role: 'admin' })
      .expect(200);
    expect(await eventually(b, customer.token, 200, '/api/v1/admin/users')).toBe(200);
    await a
      .http()
      .patch(`/api/v1/admin/users/${customer.id}`)
      .set(bearer(admin))
      .send({ isActive: false })
      .expect(200);
    expect(await eventually(b, customer.token, 401)).toBe(401);
  });

  it('clears the cache when the listening connection is lost, and listens again', async () => {
    const customer = await registerCustomer(a);
    await me(b, customer.token).expect(200);
    const { rows } = await a.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN auth_changes'`,
    );
    expect(rows.length).toBe(2);
    await silently(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = $1`,
      [customer.id],
    );
    expect(await eventually(b, customer.token, 401)).toBe(401);

    // listening again: a logout reaches the other process
    let listeners = 0;
    for (let attempt = 0; attempt < 100 && listeners < 2; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      listeners = (
        await a.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN auth_changes'`,
        )
      ).rows[0].n;
    }
    expect(listeners).toBe(2);
    const other = await registerCustomer(a);
    const session = await a
      .http()
      .post('/api/v1/auth/login')
      .send({ email: other.email, password: other.password })
      .expect(200);
    await me(b, session.body.accessToken).expect(200);
    await a
      .http()
      .post('/api/v1/auth/logout')
      .set(bearer(session.body.accessToken))
      .send({ refreshToken: session.body.refreshToken })
      .expect(204);
    expect(await eventually(b, session.body.accessToken, 401)).toBe(401);
  });
});
