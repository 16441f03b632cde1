import { fieldsOf } from '../support/catalog';
import { at, createTechnician, dateAhead, freshService, newServiceType, slotStarts, UNKNOWN_UUID } from '../support/booking-fixtures';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TECHNICIAN, TestApp } from '../support/test-app';

const WEEKDAYS = { mon: [{ start: '09:00', end: '17:00' }], wed: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '18:00' }] };

describe('booking: technicians administration', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    admin = await login(app, ADMIN);
  });
  afterAll(() => app?.stop());

  const createRaw = (body: Record<string, unknown>, token = admin) => app.http().post('/api/v1/admin/technicians').set(bearer(token)).send(body);

  it('makes a user a technician: skills deduplicated and sorted, hours and time off kept, role changed', async () => {
    const [washerLike, dryerLike] = [await newServiceType(app), await newServiceType(app)];
    const user = await registerCustomer(app, { fullName: 'Tess Tech' });
    const res = await createRaw({
      userId: user.id,
      skills: [dryerLike, washerLike, dryerLike].sort().reverse(),
      workingHours: WEEKDAYS,
      timeOff: [{ start: '2026-12-24T00:00:00Z', end: '2026-12-27T00:00:00Z', reason: 'Holiday' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      userId: user.id,
      fullName: 'Tess Tech',
      email: user.email,
      skills: [dryerLike, washerLike].sort(),
      workingHours: WEEKDAYS,
      timeOff: [{ start: '2026-12-24T00:00:00.000Z', end: '2026-12-27T00:00:00.000Z', reason: 'Holiday' }],
      serviceAreas: [],
      rating: { average: null, count: 0 },
      isActive: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    // The role is read from the database on every request: the customer's own token now acts as a technician.
    const me = await app.http().get('/api/v1/users/me').set(bearer(user.token)).expect(200);
    expect(me.body.role).toBe('technician');
    const technicians = await app.http().get(`/api/v1/admin/users?role=technician&email=${encodeURIComponent(user.email)}`).set(bearer(admin)).expect(200);
    expect(technicians.body.items).toEqual([expect.objectContaining({ id: user.id, role: 'technician' })]);
    const { rows } = await app.db.query(`SELECT skills, is_active FROM technicians WHERE user_id = $1`, [user.id]);
    expect(rows).toEqual([{ skills: [dryerLike, washerLike].sort(), is_active: true }]);
  });

  it('lists technicians, the seeded demo technician included, with paging', async () => {
    const first = await createTechnician(app, admin, { skills: ['washer'], workingHours: WEEKDAYS });
    const all = await app.http().get('/api/v1/admin/technicians?limit=100').set(bearer(admin)).expect(200);
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM technicians`);
    expect(all.body.total).toBe(rows[0].n);
    expect(all.body.items).toHaveLength(rows[0].n);
    expect(all.body.items).toContainEqual(expect.objectContaining({ email: TECHNICIAN.email, isActive: true, skills: expect.arrayContaining(['washer', 'oven']) }));
    expect(all.body.items).toContainEqual(expect.objectContaining({ userId: first.id, skills: ['washer'], workingHours: WEEKDAYS }));

    const page2 = await app.http().get('/api/v1/admin/technicians?limit=1&page=2').set(bearer(admin)).expect(200);
    expect(page2.body).toEqual({ items: [all.body.items[1]], total: all.body.total, page: 2, limit: 1 });
  });

  it('changes skills, hours, time off and activity; what is not sent stays', async () => {
    const type = await newServiceType(app);
    const tech = await createTechnician(app, admin, { skills: ['washer'], workingHours: WEEKDAYS });
    const patch = (body: Record<string, unknown>) => app.http().patch(`/api/v1/admin/technicians/${tech.id}`).set(bearer(admin)).send(body);

    const skilled = await patch({ skills: [type, 'washer'] }).expect(200);
    expect(skilled.body).toEqual(expect.objectContaining({ skills: [type, 'washer'].sort(), workingHours: WEEKDAYS, timeOff: [], isActive: true }));

    const rehoured = await patch({ workingHours: { sat: [{ start: '09:00', end: '13:00' }] }, timeOff: [{ start: '2027-01-04T09:00:00Z', end: '2027-01-04T12:00:00Z' }] }).expect(200);
    expect(rehoured.body).toEqual(
      expect.objectContaining({
        skills: [type, 'washer'].sort(),
        workingHours: { sat: [{ start: '09:00', end: '13:00' }] },
        timeOff: [{ start: '2027-01-04T09:00:00.000Z', end: '2027-01-04T12:00:00.000Z', reason: null }],
      }),
    );
    const off = await patch({ isActive: false }).expect(200);
    expect(off.body).toEqual({ ...rehoured.body, isActive: false, updatedAt: expect.any(String) });
    const listed = await app.http().get('/api/v1/admin/technicians?limit=100').set(bearer(admin)).expect(200);
    expect(listed.body.items).toContainEqual(off.body);
  });

  it('a deactivated technician is offered and assigned no more visits', async () => {
    const service = await freshService(app, admin);
    const date = dateAhead(3, 'tue');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { tue: [{ start: '09:00', end: '11:00' }] } });
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00'), at(date, '09:30'), at(date, '10:00')]);

    await app.http().patch(`/api/v1/admin/technicians/${tech.id}`).set(bearer(admin)).send({ isActive: false }).expect(200);
    expect(await slotStarts(app, service.id, date)).toEqual([]);
    const customer = await registerCustomer(app);
    const res = await app
      .http()
      .post('/api/v1/bookings')
      .set(bearer(customer.token))
      .send({ items: [{ serviceId: service.id, quantity: 1 }], start: at(date, '09:00'), address: '1 Test Street, London N1 1AA' });
    expectProblem(res, 422);
    expect(res.body.code).toBe('booking.outside_working_hours');

    await app.http().patch(`/api/v1/admin/technicians/${tech.id}`).set(bearer(admin)).send({ isActive: true }).expect(200);
    expect(await slotStarts(app, service.id, date)).toHaveLength(3);
  });

  it('a technician whose account is deactivated or no longer in the technician role is offered no visits', async () => {
    const service = await freshService(app, admin);
    const date = dateAhead(3, 'wed');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { wed: [{ start: '09:00', end: '10:00' }] } });
    const setUser = (body: Record<string, unknown>) => app.http().patch(`/api/v1/admin/users/${tech.id}`).set(bearer(admin)).send(body).expect(200);
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00')]);

    await setUser({ isActive: false });
    expect(await slotStarts(app, service.id, date)).toEqual([]);
    const customer = await registerCustomer(app);
    const refused = await app
      .http()
      .post('/api/v1/bookings')
      .set(bearer(customer.token))
      .send({ items: [{ serviceId: service.id, quantity: 1 }], start: at(date, '09:00'), address: '1 Test Street, London N1 1AA' });
    expectProblem(refused, 422);
    await setUser({ isActive: true });
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00')]);

    await setUser({ role: 'customer' });
    expect(await slotStarts(app, service.id, date)).toEqual([]);
    await setUser({ role: 'technician' });
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00')]);
  });

  describe('refusals', () => {
    let userId: string;
    beforeEach(async () => {
      userId = (await registerCustomer(app)).id;
    });

    it('names `skills` for an unknown service type and makes nobody a technician', async () => {
      const res = await createRaw({ userId, skills: ['washer', 'spaceship'], workingHours: WEEKDAYS });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'skills', message: expect.stringContaining('spaceship') }]);
      const { rows } = await app.db.query(`SELECT role FROM users WHERE id = $1`, [userId]);
      expect(rows[0].role).toBe('customer');
      expect((await app.db.query(`SELECT 1 FROM technicians WHERE user_id = $1`, [userId])).rowCount).toBe(0);
    });

    it.each([
      ['no skills', 'skills', { skills: [] }],
      ['skills that are not strings', 'skills', { skills: [7] }],
      ['a time like "9am"', 'workingHours.mon.0.start', { workingHours: { mon: [{ start: '9am', end: '17:00' }] } }],
      ['a time of 25:00', 'workingHours.tue.0.end', { workingHours: { tue: [{ start: '09:00', end: '25:00' }] } }],
      ['an unknown weekday', 'workingHours.funday', { workingHours: { funday: [{ start: '09:00', end: '17:00' }] } }],
      ['an interval ending before it starts', 'workingHours.mon', { workingHours: { mon: [{ start: '17:00', end: '09:00' }] } }],
      ['an empty interval', 'workingHours.mon', { workingHours: { mon: [{ start: '09:00', end: '09:00' }] } }],
      ['overlapping intervals', 'workingHours.thu', { workingHours: { thu: [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '13:30' }] } }],
      ['more than four intervals a day', 'workingHours.fri', { workingHours: { fri: ['08', '10', '12', '14', '16'].map((h) => ({ start: `${h}:00`, end: `${h}:30` })) } }],
      ['time off ending before it starts', 'timeOff', { timeOff: [{ start: '2027-01-02T10:00:00Z', end: '2027-01-02T09:00:00Z' }] }],
      ['time off without an offset', 'timeOff.0.start', { timeOff: [{ start: '2027-01-02T10:00:00', end: '2027-01-02T12:00:00Z' }] }],
      ['a userId that is not a UUID', 'userId', { userId: 'someone' }],
      ['an unknown field', 'rating', { rating: 5 }],
    ])('rejects %s with 400 naming %s', async (_label, field, override) => {
      const res = await createRaw({ userId, skills: ['washer'], workingHours: WEEKDAYS, ...override });
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      expect((await app.db.query(`SELECT 1 FROM technicians WHERE user_id = $1`, [userId])).rowCount).toBe(0);
    });

    it('answers 409 for a user who already is a technician, and keeps their profile', async () => {
      await createRaw({ userId, skills: ['washer'], workingHours: WEEKDAYS }).expect(201);
      const again = await createRaw({ userId, skills: ['oven'], workingHours: { sun: [{ start: '10:00', end: '12:00' }] } });
      expectProblem(again, 409);
      expect(again.body.code).toBe('technician.exists');
      const { rows } = await app.db.query(`SELECT skills FROM technicians WHERE user_id = $1`, [userId]);
      expect(rows).toEqual([{ skills: ['washer'] }]);
    });

    it('answers 404 for an unknown user and for patching someone who is not a technician', async () => {
      const unknown = await createRaw({ userId: UNKNOWN_UUID, skills: ['washer'], workingHours: WEEKDAYS });
      expectProblem(unknown, 404);
      const notTech = await app.http().patch(`/api/v1/admin/technicians/${userId}`).set(bearer(admin)).send({ isActive: false });
      expectProblem(notTech, 404);
      expectProblem(await app.http().patch('/api/v1/admin/technicians/not-a-uuid').set(bearer(admin)).send({ isActive: false }), 400);
    });

    it('validates a patch like a create and changes nothing when it fails', async () => {
      await createRaw({ userId, skills: ['washer'], workingHours: WEEKDAYS }).expect(201);
      const patch = (body: Record<string, unknown>) => app.http().patch(`/api/v1/admin/technicians/${userId}`).set(bearer(admin)).send(body);
      const badSkill = await patch({ skills: ['spaceship'] });
      expectProblem(badSkill, 400);
      expect(fieldsOf(badSkill.body)).toEqual(['skills']);
      const badHours = await patch({ workingHours: { mon: [{ start: '12:00', end: '10:00' }] } });
      expectProblem(badHours, 400);
      expect(fieldsOf(badHours.body)).toEqual(['workingHours.mon']);
      expectProblem(await patch({ isActive: null }), 400);
      const { rows } = await app.db.query(`SELECT skills, working_hours, is_active FROM technicians WHERE user_id = $1`, [userId]);
      expect(rows).toEqual([{ skills: ['washer'], working_hours: WEEKDAYS, is_active: true }]);
    });

    it('is for admins only: customers and technicians get 403, anonymous callers 401', async () => {
      const customer = await registerCustomer(app);
      const technician = await login(app, TECHNICIAN);
      for (const token of [customer.token, technician]) {
        expectProblem(await createRaw({ userId, skills: ['washer'], workingHours: WEEKDAYS }, token), 403);
        expectProblem(await app.http().get('/api/v1/admin/technicians').set(bearer(token)), 403);
        expectProblem(await app.http().patch(`/api/v1/admin/technicians/${userId}`).set(bearer(token)).send({ isActive: false }), 403);
      }
      expectProblem(await app.http().get('/api/v1/admin/technicians'), 401);
      expect((await app.db.query(`SELECT 1 FROM technicians WHERE user_id = $1`, [userId])).rowCount).toBe(0);
    });
  });
});
