import type { RepairServiceView } from '../../src/modules/catalog/application/manage-repair-services';
import { createCategory, createProduct, fieldsOf, namesOf, ProductBody } from '../support/catalog';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type ServiceBody = RepairServiceView;

describe('catalog: repair services and product reviews', () => {
  let app: TestApp;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    customer = (await registerCustomer(app)).token;
  });
  afterAll(() => app?.stop());

  describe('repair services', () => {
    const tag = `svc${Date.now()}`;

    const createService = async (body: Record<string, unknown>): Promise<ServiceBody> =>
      (await app.http().post('/api/v1/services').set(bearer(admin)).send(body).expect(201)).body;

    /** What the database says the public list of a type must be, so that seeded services do not break the test. */
    const activeServiceIds = async (serviceType: string): Promise<string[]> => {
      const { rows } = await app.db.query(`SELECT id FROM services WHERE service_type = $1 AND is_active ORDER BY name, id`, [serviceType]);
      return rows.map((r: { id: string }) => r.id);
    };

    it('lists the service types the shop repairs', async () => {
      const res = await app.http().get('/api/v1/service-types').expect(200);
      const slugs = (res.body as { slug: string }[]).map((t) => t.slug);
      expect(res.body).toEqual(
        expect.arrayContaining([
          { slug: 'washer', name: 'Washing machines' },
          { slug: 'dryer', name: 'Tumble dryers' },
          { slug: 'fridge', name: 'Fridges and freezers' },
          { slug: 'oven', name: 'Ovens and cookers' },
          { slug: 'dishwasher', name: 'Dishwashers' },
          { slug: 'microwave', name: 'Microwaves' },
        ]),
      );
      expect(slugs).toEqual([...slugs].sort());
    });

    it('creates services, lists them by type in name order, and shows one by id', async () => {
      const b = await createService({ name: `${tag} B dryer drum repair`, basePrice: 9900, serviceType: 'dryer', durationMinutes: 90 });
      const a = await createService({
        name: `${tag} A dryer belt replacement`,
        description: 'New belt, fitted on site.',
        basePrice: 6900,
        serviceType: 'dryer',
        durationMinutes: 60,
      });
      const oven = await createService({ name: `${tag} oven door hinge`, basePrice: 5900, serviceType: 'oven', durationMinutes: 45 });
      expect(a).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: `${tag} A dryer belt replacement`,
        description: 'New belt, fitted on site.',
        basePrice: 6900,
        currency: 'GBP',
        serviceType: 'dryer',
        durationMinutes: 60,
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: a.createdAt,
      });

      const dryers = await app.http().get('/api/v1/services?serviceType=dryer&limit=100').expect(200);
      expect(dryers.body.items.map((s: ServiceBody) => s.id)).toEqual(await activeServiceIds('dryer'));
      expect(dryers.body.items.every((s: ServiceBody) => s.serviceType === 'dryer')).toBe(true);
      const mine = (dryers.body.items as ServiceBody[]).filter((s) => s.name.startsWith(tag)).map((s) => s.id);
      expect(mine).toEqual([a.id, b.id]);
      expect(dryers.body.total).toBe(dryers.body.items.length);
      expect(dryers.body.items.map((s: ServiceBody) => s.id)).not.toContain(oven.id);

      const paged = await app.http().get('/api/v1/services?serviceType=dryer&limit=1&page=2').expect(200);
      expect(paged.body).toEqual({ items: [expect.objectContaining({ id: (await activeServiceIds('dryer'))[1] })], total: dryers.body.total, page: 2, limit: 1 });

      expect((await app.http().get(`/api/v1/services/${oven.id}`).expect(200)).body).toEqual(oven);
    });

    it('updates a service and deactivates it: hidden from the public, visible to admins', async () => {
      const service = await createService({ name: `${tag} fridge seal`, basePrice: 4900, serviceType: 'fridge', durationMinutes: 30 });
      const patched = await app
        .http()
        .patch(`/api/v1/services/${service.id}`)
        .set(bearer(admin))
        .send({ basePrice: 5400, durationMinutes: 45, serviceType: 'washer' })
        .expect(200);
      expect(patched.body).toEqual({ ...service, basePrice: 5400, durationMinutes: 45, serviceType: 'washer', updatedAt: expect.any(String) });
      expect((await app.http().get(`/api/v1/services/${service.id}`).expect(200)).body).toEqual(patched.body);
      expect(await activeServiceIds('fridge')).not.toContain(service.id);
      const washers = await app.http().get('/api/v1/services?serviceType=washer&limit=100').expect(200);
      expect(washers.body.items.map((s: ServiceBody) => s.id)).toContain(service.id);

      await app.http().delete(`/api/v1/services/${service.id}`).set(bearer(admin)).expect(204);
      expectProblem(await app.http().get(`/api/v1/services/${service.id}`), 404);
      expectProblem(await app.http().get(`/api/v1/services/${service.id}`).set(bearer(customer)), 404);
      const publicList = await app.http().get('/api/v1/services?serviceType=washer&limit=100').expect(200);
      expect(publicList.body.items.map((s: ServiceBody) => s.id)).not.toContain(service.id);

      expect((await app.http().get(`/api/v1/services/${service.id}`).set(bearer(admin)).expect(200)).body.isActive).toBe(false);
      const adminList = await app.http().get('/api/v1/services?serviceType=washer&includeInactive=true&limit=100').set(bearer(admin)).expect(200);
      expect(adminList.body.items).toContainEqual(expect.objectContaining({ id: service.id, isActive: false }));
      expectProblem(await app.http().get('/api/v1/services?includeInactive=true').set(bearer(customer)), 403);
      expectProblem(await app.http().get('/api/v1/services?includeInactive=true'), 403);
    });

    it.each([
      ['basePrice -1', { basePrice: -1 }, 'basePrice'],
      ['basePrice 1.5', { basePrice: 1.5 }, 'basePrice'],
      ['a duration that is not a multiple of 15', { durationMinutes: 50 }, 'durationMinutes'],
      ['a duration under 15 minutes', { durationMinutes: 10 }, 'durationMinutes'],
      ['a duration over 8 hours', { durationMinutes: 495 }, 'durationMinutes'],
      ['an unknown service type', { serviceType: 'spaceship' }, 'serviceType'],
      ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name'],
      ['an unknown field', { technicianId: UNKNOWN_ID }, 'technicianId'],
    ])('rejects a service with %s, naming the field', async (_label, override, field) => {
      const name = `${tag} invalid ${field}`;
      const res = await app
        .http()
        .post('/api/v1/services')
        .set(bearer(admin))
        .send({ name, basePrice: 100, serviceType: 'oven', durationMinutes: 60, ...override });
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM services WHERE name = $1`, [name]);
      expect(rows[0].n).toBe(0);
    });

    it('validates updates and leaves the service unchanged', async () => {
      const service = await createService({ name: `${tag} microwave magnetron`, basePrice: 7900, serviceType: 'microwave', durationMinutes: 60 });
      for (const [body, field] of [
        [{ durationMinutes: 50 }, 'durationMinutes'],
        [{ serviceType: 'spaceship' }, 'serviceType'],
        [{ basePrice: -5 }, 'basePrice'],
        [{ name: null }, 'name'],
        [{ description: null }, 'description'],
        [{ serviceType: null }, 'serviceType'],
        [{ durationMinutes: null }, 'durationMinutes'],
        [{ isActive: null }, 'isActive'],
      ] as const) {
        const res = await app.http().patch(`/api/v1/services/${service.id}`).set(bearer(admin)).send(body);
        expectProblem(res, 400);
        expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      }
      expect((await app.http().get(`/api/v1/services/${service.id}`).expect(200)).body).toEqual(service);
    });

    it('keeps customers (403) and anonymous callers (401) out of service writes', async () => {
      const service = await createService({ name: `${tag} dishwasher pump`, basePrice: 8900, serviceType: 'dishwasher', durationMinutes: 75 });
      for (const [auth, status] of [
        [bearer(customer), 403],
        [{}, 401],
      ] as const) {
        expectProblem(
          await app.http().post('/api/v1/services').set(auth).send({ name: `${tag} sneaky`, basePrice: 1, serviceType: 'oven', durationMinutes: 15 }),
          status,
        );
        expectProblem(await app.http().patch(`/api/v1/services/${service.id}`).set(auth).send({ basePrice: 1 }), status);
        expectProblem(await app.http().delete(`/api/v1/services/${service.id}`).set(auth), status);
      }
      expect((await app.http().get(`/api/v1/services/${service.id}`).expect(200)).body).toEqual(service);
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM services WHERE name = $1`, [`${tag} sneaky`]);
      expect(rows[0].n).toBe(0);
    });

    it('answers bad ids and queries with 400 and unknown ids with 404', async () => {
      for (const method of ['get', 'patch', 'delete'] as const) {
        const bad = await app.http()[method]('/api/v1/services/not-a-uuid').set(bearer(admin)).send({});
        expectProblem(bad, 400);
        expect(fieldsOf(bad.body)).toEqual(['id']);
        const missing = await app.http()[method](`/api/v1/services/${UNKNOWN_ID}`).set(bearer(admin)).send({});
        expectProblem(missing, 404);
      }
      for (const query of ['serviceType=Not%20A%20Type', 'limit=0', 'limit=1000', 'includeInactive=maybe']) {
        const res = await app.http().get(`/api/v1/services?${query}`);
        expectProblem(res, 400);
        expect(fieldsOf(res.body)).toEqual([query.split('=')[0]]);
      }
    });
  });

  describe('reviews and ratings', () => {
    let category: string;

    beforeAll(async () => {
      category = await createCategory(app, admin, 'reviews');
    });

    const post = (token: string, productId: string, body: object) => app.http().post(`/api/v1/products/${productId}/reviews`).set(bearer(token)).send(body);
    const ratingOf = async (productId: string) => (await app.http().get(`/api/v1/products/${productId}`).expect(200)).body.rating;
    const reviewRows = async (productId: string) =>
      (await app.db.query(`SELECT user_id, rating FROM reviews WHERE product_id = $1 ORDER BY created_at`, [productId])).rows as {
        user_id: string;
        rating: number;
      }[];

    it('posts reviews, lists them newest first, and keeps the average and count current', async () => {
      const product = await createProduct(app, admin, { name: 'Hob Knob', price: 350, category });
      const [alice, bob] = await Promise.all([registerCustomer(app), registerCustomer(app)]);
      const first = await post(alice.token, product.id, { rating: 5, comment: '  Perfect fit.  ' }).expect(201);
      expect(first.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        productId: product.id,
        userId: alice.id,
        rating: 5,
        comment: 'Perfect fit.',
        verified: false,
        createdAt: expect.any(String),
      });
      expect(await ratingOf(product.id)).toEqual({ average: 5, count: 1 });
      const second = await post(bob.token, product.id, { rating: 4 }).expect(201);
      expect(second.body.comment).toBe('');
      expect(await ratingOf(product.id)).toEqual({ average: 4.5, count: 2 });

      const listed = await app.http().get(`/api/v1/products/${product.id}/reviews`).expect(200);
      expect(listed.body).toEqual({ items: [second.body, first.body], total: 2, page: 1, limit: 20 });
      const page2 = await app.http().get(`/api/v1/products/${product.id}/reviews?limit=1&page=2`).expect(200);
      expect(page2.body).toEqual({ items: [first.body], total: 2, page: 2, limit: 1 });

      const again = await post(alice.token, product.id, { rating: 1, comment: 'changed my mind' });
      expectProblem(again, 409);
      expect(again.body.code).toBe('review.already_posted');
      expect(await ratingOf(product.id)).toEqual({ average: 4.5, count: 2 });
      expect(await reviewRows(product.id)).toEqual([
        { user_id: alice.id, rating: 5 },
        { user_id: bob.id, rating: 4 },
      ]);
    });

    it('accepts exactly one of two parallel reviews by the same user', async () => {
      const product = await createProduct(app, admin, { name: 'Oven Lamp', price: 250, category });
      const carol = await registerCustomer(app);
      const results = await Promise.all([post(carol.token, product.id, { rating: 3 }), post(carol.token, product.id, { rating: 5 })]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expectProblem(results.find((r) => r.status === 409)!, 409);
      const winner = results.find((r) => r.status === 201)!.body.rating as number;
      expect(await reviewRows(product.id)).toEqual([{ user_id: carol.id, rating: winner }]);
      expect(await ratingOf(product.id)).toEqual({ average: winner, count: 1 });
    });

    it('takes parallel reviews by different users of one product without losing any', async () => {
      const product = await createProduct(app, admin, { name: 'Fridge Thermostat Dial', price: 650, category });
      const reviewers = await Promise.all(Array.from({ length: 8 }, () => registerCustomer(app)));
      const ratings = [5, 4, 3, 5, 2, 4, 5, 1];
      const results = await Promise.all(reviewers.map((r, i) => post(r.token, product.id, { rating: ratings[i] })));
      expect(results.map((r) => r.status)).toEqual(ratings.map(() => 201));
      expect(await ratingOf(product.id)).toEqual({ average: 3.63, count: 8 });
      const { rows } = await app.db.query(`SELECT rating_count, rating_sum FROM products WHERE id = $1`, [product.id]);
      expect(rows[0]).toEqual({ rating_count: 8, rating_sum: 29 });
    });

    it.each([
      ['rating 0', { rating: 0 }, 'rating'],
      ['rating 6', { rating: 6 }, 'rating'],
      ['rating 4.5', { rating: 4.5 }, 'rating'],
      ['rating "5"', { rating: '5' }, 'rating'],
      ['no rating', { comment: 'no stars' }, 'rating'],
      ['a comment of 2001 characters', { rating: 4, comment: 'c'.repeat(2001) }, 'comment'],
      ['an unknown field', { rating: 4, verified: true }, 'verified'],
    ])('rejects a review with %s, naming the field, and stores nothing', async (_label, body, field) => {
      const product = await createProduct(app, admin, { name: `Reviewed ${field}`, price: 100, category });
      const dave = await registerCustomer(app);
      const res = await post(dave.token, product.id, body);
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      expect(await reviewRows(product.id)).toEqual([]);
      expect(await ratingOf(product.id)).toEqual({ average: 0, count: 0 });
    });

    it('accepts a comment of exactly 2000 characters', async () => {
      const product = await createProduct(app, admin, { name: 'Long Review Target', price: 100, category });
      const erin = await registerCustomer(app);
      const res = await post(erin.token, product.id, { rating: 3, comment: 'c'.repeat(2000) }).expect(201);
      expect(res.body.comment).toHaveLength(2000);
    });

    it('lets only the author or an admin delete a review; others get 404; the rating follows', async () => {
      const product = await createProduct(app, admin, { name: 'Washer Door Handle', price: 800, category });
      const [frank, grace, heidi] = await Promise.all([registerCustomer(app), registerCustomer(app), registerCustomer(app)]);
      const five = (await post(frank.token, product.id, { rating: 5 }).expect(201)).body;
      const four = (await post(grace.token, product.id, { rating: 4 }).expect(201)).body;
      const three = (await post(heidi.token, product.id, { rating: 3 }).expect(201)).body;
      expect(await ratingOf(product.id)).toEqual({ average: 4, count: 3 });

      const stranger = await app.http().delete(`/api/v1/reviews/${four.id}`).set(bearer(frank.token));
      expectProblem(stranger, 404);
      expect(stranger.body.code).toBe('review.not_found');
      expect(await ratingOf(product.id)).toEqual({ average: 4, count: 3 });
      expectProblem(await app.http().delete(`/api/v1/reviews/${four.id}`), 401);

      await app.http().delete(`/api/v1/reviews/${four.id}`).set(bearer(grace.token)).expect(204);
      expect(await ratingOf(product.id)).toEqual({ average: 4, count: 2 });
      await app.http().delete(`/api/v1/reviews/${three.id}`).set(bearer(admin)).expect(204);
      expect(await ratingOf(product.id)).toEqual({ average: 5, count: 1 });

      const listed = await app.http().get(`/api/v1/products/${product.id}/reviews`).expect(200);
      expect(listed.body).toEqual({ items: [five], total: 1, page: 1, limit: 20 });
      expectProblem(await app.http().delete(`/api/v1/reviews/${four.id}`).set(bearer(grace.token)), 404);
      expectProblem(await app.http().delete(`/api/v1/reviews/${UNKNOWN_ID}`).set(bearer(admin)), 404);
      expectProblem(await app.http().delete('/api/v1/reviews/not-a-uuid').set(bearer(admin)), 400);

      // the author may review again after deleting their review
      await post(grace.token, product.id, { rating: 4 }).expect(201);
      expect(await ratingOf(product.id)).toEqual({ average: 4.5, count: 2 });
      await app.http().delete(`/api/v1/reviews/${five.id}`).set(bearer(frank.token)).expect(204);
      expect(await ratingOf(product.id)).toEqual({ average: 4, count: 1 });
    });

    it('reviews need an active, existing product and a signed-in user', async () => {
      const product: ProductBody = await createProduct(app, admin, { name: 'Discontinued Filter', price: 100, category });
      const ivan = await registerCustomer(app);
      expectProblem(await app.http().post(`/api/v1/products/${product.id}/reviews`).send({ rating: 5 }), 401);
      await app.http().delete(`/api/v1/products/${product.id}`).set(bearer(admin)).expect(204);
      expectProblem(await post(ivan.token, product.id, { rating: 5 }), 404);
      expectProblem(await app.http().get(`/api/v1/products/${product.id}/reviews`), 404);
      expectProblem(await post(ivan.token, UNKNOWN_ID, { rating: 5 }), 404);
      const bad = await post(ivan.token, 'not-a-uuid', { rating: 5 });
      expectProblem(bad, 400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
      expect(await reviewRows(product.id)).toEqual([]);
    });

    it('orders products by their rating once reviews are in', async () => {
      const slug = await createCategory(app, admin, 'reviews-rank');
      const low = await createProduct(app, admin, { name: 'Low Rated Part', price: 100, category: slug });
      const high = await createProduct(app, admin, { name: 'High Rated Part', price: 100, category: slug });
      const mid = await createProduct(app, admin, { name: 'Mid Rated Part', price: 100, category: slug });
      const [judy, ken] = await Promise.all([registerCustomer(app), registerCustomer(app)]);
      await post(judy.token, low.id, { rating: 1 }).expect(201);
      await post(judy.token, high.id, { rating: 5 }).expect(201);
      await post(judy.token, mid.id, { rating: 4 }).expect(201);
      await post(ken.token, mid.id, { rating: 3 }).expect(201);
      const ranked = await app.http().get(`/api/v1/products?category=${slug}&sort=rating_desc`).expect(200);
      expect(namesOf(ranked.body)).toEqual(['High Rated Part', 'Mid Rated Part', 'Low Rated Part']);
      const kensReview = (await app.http().get(`/api/v1/products/${mid.id}/reviews`).expect(200)).body.items[0].id as string;
      await app.http().delete(`/api/v1/reviews/${kensReview}`).set(bearer(admin)).expect(204);
      // mid is now 4.0 from one review: still between 5 and 1
      const reranked = await app.http().get(`/api/v1/products?category=${slug}&sort=rating_desc`).expect(200);
      expect(reranked.body.items.map((p: ProductBody) => [p.name, p.rating.average])).toEqual([
        ['High Rated Part', 5],
        ['Mid Rated Part', 4],
        ['Low Rated Part', 1],
      ]);
    });
  });
});
