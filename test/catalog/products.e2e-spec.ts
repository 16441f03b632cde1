import { createCategory, createProduct, fieldsOf, namesOf, ProductBody } from '../support/catalog';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('catalog: product and category administration', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let customer: string;
  let category: string;
  let otherCategory: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    adminId = (await app.http().get('/api/v1/users/me').set(bearer(admin)).expect(200)).body.id;
    customer = (await registerCustomer(app)).token;
    category = await createCategory(app, admin, 'prod-kettles');
    otherCategory = await createCategory(app, admin, 'prod-toasters');
  });
  afterAll(() => app?.stop());

  const productCount = async (slug: string): Promise<number> => {
    const res = await app.http().get('/api/v1/categories').expect(200);
    const found = (res.body as { slug: string; productCount: number }[]).find((c) => c.slug === slug);
    if (!found) throw new Error(`category ${slug} is not listed`);
    return found.productCount;
  };

  it('creates a product with its stock and shows it to everyone with availability and rating', async () => {
    const res = await app
      .http()
      .post('/api/v1/products')
      .set(bearer(admin))
      .send({
        name: '  Kettle Element 3kW  ',
        description: 'Replacement heating element.',
        price: 1999,
        category,
        imageUrl: 'https://images.example.com/element.jpg',
        initialStock: 7,
      })
      .expect(201);
    const created = res.body as ProductBody;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Kettle Element 3kW',
      description: 'Replacement heating element.',
      price: 1999,
      currency: 'GBP',
      category: { slug: category, name: `Category ${category}` },
      imageUrl: 'https://images.example.com/element.jpg',
      isActive: true,
      availability: { available: 7, inStock: true },
      rating: { average: 0, count: 0 },
      // What an admin creates is the house's own.
      seller: null,
      createdBy: adminId,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updatedAt: created.createdAt,
    });
    const anonymous = await app.http().get(`/api/v1/products/${created.id}`).expect(200);
    expect(anonymous.body).toEqual(created);
    const list = await app.http().get(`/api/v1/products?category=${category}`).expect(200);
    expect(list.body.items).toEqual([created]);
    expect(await productCount(category)).toBe(1);
  });

  it('updates only the given fields and can move a product to another category', async () => {
    const product = await createProduct(app, admin, { name: 'Toaster Crumb Tray', price: 899, category, imageUrl: 'http://img.example.com/t.png' });
    const countBefore = await productCount(category);
    const res = await app
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(bearer(admin))
      .send({ price: 999, category: otherCategory, imageUrl: null })
      .expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: product.id,
        name: 'Toaster Crumb Tray',
        price: 999,
        imageUrl: null,
        category: { slug: otherCategory, name: `Category ${otherCategory}` },
        createdAt: product.createdAt,
      }),
    );
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(product.updatedAt));
    expect((await app.http().get(`/api/v1/products/${product.id}`).expect(200)).body.price).toBe(999);
    expect(await productCount(category)).toBe(countBefore - 1);
    expect(namesOf((await app.http().get(`/api/v1/products?category=${otherCategory}`).expect(200)).body)).toEqual(['Toaster Crumb Tray']);
  });

  it('DELETE deactivates: hidden from the public, still visible to admins, and can be reactivated', async () => {
    const deactivatedCategory = await createCategory(app, admin, 'prod-hidden');
    const kept = await createProduct(app, admin, { name: 'Visible Hinge', price: 300, category: deactivatedCategory });
    const gone = await createProduct(app, admin, { name: 'Retired Hinge', price: 200, category: deactivatedCategory, initialStock: 4 });
    expect(await productCount(deactivatedCategory)).toBe(2);

    await app.http().delete(`/api/v1/products/${gone.id}`).set(bearer(admin)).expect(204);

    expectProblem(await app.http().get(`/api/v1/products/${gone.id}`), 404);
    expectProblem(await app.http().get(`/api/v1/products/${gone.id}`).set(bearer(customer)), 404);
    for (const path of ['products', 'products/search']) {
      const pub = await app.http().get(`/api/v1/${path}?category=${deactivatedCategory}`).expect(200);
      expect(pub.body).toEqual({ items: [expect.objectContaining({ id: kept.id })], total: 1, page: 1, limit: 20, totalIsExact: true });
      const searched = await app.http().get(`/api/v1/${path}?q=hinge&category=${deactivatedCategory}`).expect(200);
      expect(namesOf(searched.body)).toEqual(['Visible Hinge']);
    }
    expect(await productCount(deactivatedCategory)).toBe(1);

    const forAdmin = await app.http().get(`/api/v1/products/${gone.id}`).set(bearer(admin)).expect(200);
    expect(forAdmin.body).toEqual(expect.objectContaining({ id: gone.id, isActive: false, availability: { available: 4, inStock: true } }));
    const inactive = await app.http().get(`/api/v1/products?category=${deactivatedCategory}&status=inactive`).set(bearer(admin)).expect(200);
    expect(inactive.body).toEqual({ items: [expect.objectContaining({ id: gone.id, isActive: false })], total: 1, page: 1, limit: 20, totalIsExact: true });
    const all = await app.http().get(`/api/v1/products?category=${deactivatedCategory}&status=all&sort=price_asc`).set(bearer(admin)).expect(200);
    expect(namesOf(all.body)).toEqual(['Retired Hinge', 'Visible Hinge']);

    for (const status of ['inactive', 'all']) {
      expectProblem(await app.http().get(`/api/v1/products?status=${status}`).set(bearer(customer)), 403);
      expectProblem(await app.http().get(`/api/v1/products/search?status=${status}`), 403);
    }

    // deleting twice is harmless; reactivating brings it back to the public
    await app.http().delete(`/api/v1/products/${gone.id}`).set(bearer(admin)).expect(204);
    await app.http().patch(`/api/v1/products/${gone.id}`).set(bearer(admin)).send({ isActive: true }).expect(200);
    expect((await app.http().get(`/api/v1/products/${gone.id}`).expect(200)).body.isActive).toBe(true);
    expect(await productCount(deactivatedCategory)).toBe(2);
  });

  it('keeps customers out of product and category writes (403) and anonymous callers out (401), changing nothing', async () => {
    const product = await createProduct(app, admin, { name: 'Kettle Lid Spring', price: 150, category });
    const slug = `nope-${Date.now()}`;
    for (const [token, status] of [
      [customer, 403],
      [undefined, 401],
    ] as const) {
      const auth = token ? bearer(token) : {};
      expectProblem(await app.http().post('/api/v1/products').set(auth).send({ name: 'Sneaky', price: 1, category }), status);
      expectProblem(await app.http().patch(`/api/v1/products/${product.id}`).set(auth).send({ price: 1 }), status);
      expectProblem(await app.http().delete(`/api/v1/products/${product.id}`).set(auth), status);
      expectProblem(await app.http().post('/api/v1/categories').set(auth).send({ slug, name: 'Nope' }), status);
    }
    const after = await app.http().get(`/api/v1/products/${product.id}`).expect(200);
    expect(after.body).toEqual(product);
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM products WHERE name = 'Sneaky'`);
    expect(rows[0].n).toBe(0);
    const categories = await app.http().get('/api/v1/categories').expect(200);
    expect(categories.body.map((c: { slug: string }) => c.slug)).not.toContain(slug);
  });

  it.each([
    ['price -1', { price: -1 }, 'price'],
    ['price 1.5', { price: 1.5 }, 'price'],
    ['price "100"', { price: '100' }, 'price'],
    ['price too large', { price: 100_000_001 }, 'price'],
    ['name of 201 characters', { name: 'n'.repeat(201) }, 'name'],
    ['empty name', { name: '   ' }, 'name'],
    ['description of 5001 characters', { description: 'd'.repeat(5001) }, 'description'],
    ['imageUrl ftp://x', { imageUrl: 'ftp://x' }, 'imageUrl'],
    ['imageUrl "not a url"', { imageUrl: 'not a url' }, 'imageUrl'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['negative initialStock', { initialStock: -1 }, 'initialStock'],
    ['a malformed category slug', { category: 'Not A Slug' }, 'category'],
  ])('rejects a product with %s, naming the field, and creates nothing', async (_label, override, field) => {
    const name = `Invalid ${field} ${Math.random()}`;
    const res = await app
      .http()
      .post('/api/v1/products')
      .set(bearer(admin))
      .send({ name, price: 500, category, ...override });
    expectProblem(res, 400);
    expect(fieldsOf(res.body)).toContain(field);
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM products WHERE name = $1 OR length(name) > 200`, [name]);
    expect(rows[0].n).toBe(0);
  });

  it('names missing required fields and an unknown category', async () => {
    const missing = await app.http().post('/api/v1/products').set(bearer(admin)).send({});
    expectProblem(missing, 400);
    expect(new Set(fieldsOf(missing.body))).toEqual(new Set(['name', 'price', 'category']));
    const unknown = await app.http().post('/api/v1/products').set(bearer(admin)).send({ name: 'Orphan', price: 1, category: 'no-such-category-xyz' });
    expectProblem(unknown, 400);
    expect(fieldsOf(unknown.body)).toEqual(['category']);
  });

  it('validates updates the same way and leaves the product unchanged', async () => {
    const product = await createProduct(app, admin, { name: 'Kettle Switch', price: 450, category });
    for (const [body, field] of [
      [{ price: -1 }, 'price'],
      [{ price: 1.5 }, 'price'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ imageUrl: 'ftp://x' }, 'imageUrl'],
      [{ isActive: 'yes' }, 'isActive'],
      [{ initialStock: 5 }, 'initialStock'],
      [{ category: 'no-such-category-xyz' }, 'category'],
      // null is not "leave unchanged" for fields that cannot be empty (imageUrl can: it is nullable)
      [{ name: null }, 'name'],
      [{ description: null }, 'description'],
      [{ price: null }, 'price'],
      [{ category: null }, 'category'],
      [{ isActive: null }, 'isActive'],
    ] as const) {
      const res = await app.http().patch(`/api/v1/products/${product.id}`).set(bearer(admin)).send(body);
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
    }
    expect((await app.http().get(`/api/v1/products/${product.id}`).expect(200)).body).toEqual(product);
  });

  it('answers a non-UUID id with 400 naming it and an unknown id with 404', async () => {
    for (const [method, path] of [
      ['get', 'products/%s'],
      ['patch', 'products/%s'],
      ['delete', 'products/%s'],
    ] as const) {
      const bad = await app.http()[method](`/api/v1/${path.replace('%s', 'not-a-uuid')}`).set(bearer(admin)).send({});
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
      const missing = await app.http()[method](`/api/v1/${path.replace('%s', UNKNOWN_ID)}`).set(bearer(admin)).send({});
      expectProblem(missing, 404);
      expect(missing.body.code).toBe('product.not_found');
    }
  });

  it('creates categories with unique, well-formed slugs and counts only active products', async () => {
    const slug = `prod-cat-${Date.now()}`;
    const res = await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug, name: 'Kettle spares' }).expect(201);
    expect(res.body).toEqual({ slug, name: 'Kettle spares', productCount: 0, vatRatePercent: null });
    const dup = await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug, name: 'Again' });
    expectProblem(dup, 409);
    expect(dup.body.code).toBe('category.slug_taken');
    const bad = await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug: 'Bad Slug!', name: 'Bad' });
    expectProblem(bad, 400);
    expect(fieldsOf(bad.body)).toEqual(['slug']);

    await createProduct(app, admin, { name: 'Spare A', price: 1, category: slug });
    const b = await createProduct(app, admin, { name: 'Spare B', price: 2, category: slug });
    await app.http().delete(`/api/v1/products/${b.id}`).set(bearer(admin)).expect(204);
    const listed = (await app.http().get('/api/v1/categories').expect(200)).body as { slug: string; name: string; productCount: number }[];
    expect(listed.find((c) => c.slug === slug)).toEqual({ slug, name: 'Kettle spares', productCount: 1, vatRatePercent: null });
  });
});
