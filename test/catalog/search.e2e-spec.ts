import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { ProductSearchCriteria } from '../../src/modules/catalog/application/catalog.views';
import { pgQuery, runProductSearch } from '../../src/modules/catalog/infrastructure/product-search.query';
import { createCategory, createProduct, createProducts, fieldsOf, namesOf, ProductBody } from '../support/catalog';
import { eventually } from '../support/process';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

/**
 * The fixture catalog, created in this order (so `newest` is the reverse):
 *   audio:    Wireless Noise Cancelling Headphones 12999 (5 in stock), Bluetooth Over-Ear Headphones 7999 (0),
 *             Washer Drain Pump 3499 (10), Door Seal Gasket 2599 (3), Drain Hose 1299 (2), Oven Thermostat 1899 (0),
 *             Retired Headphones Stand 500 (deactivated)
 *   kitchen:  Fridge Door Shelf 999 (1)
 */
describe('catalog: list, filter, sort, paginate and search products', () => {
  let app: TestApp;
  let admin: string;
  let customer: string;
  let audio: string;
  let kitchen: string;
  let byName: Record<string, ProductBody>;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    customer = (await registerCustomer(app)).token;
    audio = await createCategory(app, admin, 'search-audio');
    kitchen = await createCategory(app, admin, 'search-kitchen');
    const products = await createProducts(app, admin, [
      { name: 'Wireless Noise Cancelling Headphones', price: 12999, category: audio, initialStock: 5, description: 'Over-ear, 30 hour battery.' },
      { name: 'Bluetooth Over-Ear Headphones', price: 7999, category: audio, initialStock: 0, description: 'Folding design with a carry case.' },
      { name: 'Washer Drain Pump', price: 3499, category: audio, initialStock: 10, description: 'Replacement pump for front loaders.' },
      { name: 'Door Seal Gasket', price: 2599, category: audio, initialStock: 3, description: 'Rubber boot that stops a washing machine door from leaking.' },
      { name: 'Drain Hose', price: 1299, category: audio, initialStock: 2, description: 'Connects the drain pump to the standpipe.' },
      { name: 'Oven Thermostat', price: 1899, category: audio, initialStock: 0, description: 'Keeps the oven at the set temperature.' },
      { name: 'Retired Headphones Stand', price: 500, category: audio, initialStock: 1, description: 'No longer sold.' },
      { name: 'Fridge Door Shelf', price: 999, category: kitchen, initialStock: 1, description: 'Holds bottles in the door.' },
    ]);
    byName = Object.fromEntries(products.map((p) => [p.name, p]));
    await app.http().delete(`/api/v1/products/${byName['Retired Headphones Stand'].id}`).set(bearer(admin)).expect(204);
  });
  afterAll(() => app?.stop());

  const list = async (query: string, token?: string) => {
    const res = await app
      .http()
      .get(`/api/v1/products?${query}`)
      .set(token ? bearer(token) : {});
    expect(res.status).toBe(200);
    return res.body as { items: ProductBody[]; total: number; page: number; limit: number; totalIsExact: boolean };
  };

  /**
   * The search as the app runs it, on the test's connection: its answer and its statements after
   * the vocabulary's (one or two lookups of words not seen yet).
   */
  const searchDirectly = async (q: string, over: Partial<ProductSearchCriteria> = {}) => {
    const statements: string[] = [];
    const result = await runProductSearch(async (query) => {
      statements.push(query.text);
      return (await app.db.query(query.text, query.values)).rows;
    }, { q, sort: 'relevance', status: 'active', page: 1, limit: 20, ...over });
    return { ...result, statements: statements.filter((text) => !text.includes('AS meaningful')) };
  };

  it('sorts by price both ways, by newest, and by newest by default', async () => {
    expect(namesOf(await list(`category=${audio}&sort=price_asc`))).toEqual([
      'Drain Hose',
      'Oven Thermostat',
      'Door Seal Gasket',
      'Washer Drain Pump',
      'Bluetooth Over-Ear Headphones',
      'Wireless Noise Cancelling Headphones',
    ]);
    expect(namesOf(await list(`category=${audio}&sort=price_desc`))).toEqual([
      'Wireless Noise Cancelling Headphones',
      'Bluetooth Over-Ear Headphones',
      'Washer Drain Pump',
      'Door Seal Gasket',
      'Oven Thermostat',
      'Drain Hose',
    ]);
    const newest = [
      'Oven Thermostat',
      'Drain Hose',
      'Door Seal Gasket',
      'Washer Drain Pump',
      'Bluetooth Over-Ear Headphones',
      'Wireless Noise Cancelling Headphones',
    ];
    expect(namesOf(await list(`category=${audio}&sort=newest`))).toEqual(newest);
    expect(namesOf(await list(`category=${audio}`))).toEqual(newest);
    expect(namesOf(await list(`category=${audio}&sort=relevance`))).toEqual(newest);
  });

  it('filters by category, inclusive price bounds and stock', async () => {
    expect(await list(`category=${kitchen}`)).toEqual({
      items: [expect.objectContaining({ id: byName['Fridge Door Shelf'].id, category: expect.objectContaining({ slug: kitchen }) })],
      total: 1,
      page: 1,
      limit: 20,
      totalIsExact: true,
    });
    const priced = await list(`category=${audio}&minPrice=2599&maxPrice=7999&sort=price_asc`);
    expect(namesOf(priced)).toEqual(['Door Seal Gasket', 'Washer Drain Pump', 'Bluetooth Over-Ear Headphones']);
    expect(priced.total).toBe(3);
    expect(namesOf(await list(`category=${audio}&minPrice=3500&sort=price_asc`))).toEqual([
      'Bluetooth Over-Ear Headphones',
      'Wireless Noise Cancelling Headphones',
    ]);
    expect(namesOf(await list(`category=${audio}&maxPrice=1899&sort=price_asc`))).toEqual(['Drain Hose', 'Oven Thermostat']);
    expect(namesOf(await list(`category=${audio}&minPrice=1899&maxPrice=1899`))).toEqual(['Oven Thermostat']);

    const inStock = await list(`category=${audio}&inStock=true&sort=price_asc`);
    expect(namesOf(inStock)).toEqual(['Drain Hose', 'Door Seal Gasket', 'Washer Drain Pump', 'Wireless Noise Cancelling Headphones']);
    expect(inStock.total).toBe(4);
    expect(inStock.items.map((p) => p.availability)).toEqual([
      { available: 2, inStock: true },
      { available: 3, inStock: true },
      { available: 10, inStock: true },
      { available: 5, inStock: true },
    ]);
    const outOfStock = await list(`category=${audio}&inStock=false&sort=price_asc`);
    expect(namesOf(outOfStock)).toEqual(['Oven Thermostat', 'Bluetooth Over-Ear Headphones']);
    expect(outOfStock.total).toBe(2);
    expect(outOfStock.items.every((p) => p.availability.available === 0 && !p.availability.inStock)).toBe(true);

    const combined = await list(`category=${audio}&inStock=true&maxPrice=3000&q=door`);
    expect(namesOf(combined)).toEqual(['Door Seal Gasket']);
    expect(await list(`category=no-such-category-${Date.now()}`)).toEqual({ items: [], total: 0, page: 1, limit: 20, totalIsExact: true });
  });

  it('paginates with correct totals and page contents', async () => {
    const order = namesOf(await list(`category=${audio}&sort=price_asc&limit=100`));
    expect(order).toHaveLength(6);
    const page1 = await list(`category=${audio}&sort=price_asc&limit=4&page=1`);
    expect({ ...page1, items: namesOf(page1) }).toEqual({ items: order.slice(0, 4), total: 6, page: 1, limit: 4, totalIsExact: true });
    const page2 = await list(`category=${audio}&sort=price_asc&limit=4&page=2`);
    expect({ ...page2, items: namesOf(page2) }).toEqual({ items: order.slice(4), total: 6, page: 2, limit: 4, totalIsExact: true });
    const page3 = await list(`category=${audio}&sort=price_asc&limit=4&page=3`);
    expect(page3).toEqual({ items: [], total: 6, page: 3, limit: 4, totalIsExact: true });
    const filtered = await list(`category=${audio}&inStock=true&sort=price_desc&limit=3&page=2`);
    expect({ ...filtered, items: namesOf(filtered) }).toEqual({ items: ['Drain Hose'], total: 4, page: 2, limit: 3, totalIsExact: true });
  });

  it('tolerates typos: "headphnes" finds both headphones and nothing else, on both list endpoints', async () => {
    for (const path of ['products', 'products/search']) {
      const res = await app.http().get(`/api/v1/${path}?q=headphnes&category=${audio}&sort=price_asc`).expect(200);
      expect(namesOf(res.body)).toEqual(['Bluetooth Over-Ear Headphones', 'Wireless Noise Cancelling Headphones']);
      expect(res.body.total).toBe(2);
    }
    const misspelt = await list(`q=thermostatt&category=${audio}`);
    expect(namesOf(misspelt)).toEqual(['Oven Thermostat']);
  });

  it('matches words of the description, stemmed, not only the name', async () => {
    expect(namesOf(await list(`q=leaking&category=${audio}`))).toEqual(['Door Seal Gasket']);
    expect(namesOf(await list(`q=leaks&category=${audio}`))).toEqual(['Door Seal Gasket']);
    expect(namesOf(await list(`q=battery&category=${audio}`))).toEqual(['Wireless Noise Cancelling Headphones']);
    expect(namesOf(await list(`q=standpipe&category=${audio}`))).toEqual(['Drain Hose']);
    expect(await list(`q=zeppelin&category=${audio}`)).toEqual({ items: [], total: 0, page: 1, limit: 20, totalIsExact: true });
  });

  it('ranks by relevance with q: a name match before a description-only match, unless another sort is asked for', async () => {
    const relevance = await app.http().get(`/api/v1/products/search?q=pump&category=${audio}`).expect(200);
    expect(namesOf(relevance.body)).toEqual(['Washer Drain Pump', 'Drain Hose']);
    const explicit = await list(`q=pumps&category=${audio}&sort=relevance`);
    expect(namesOf(explicit)).toEqual(['Washer Drain Pump', 'Drain Hose']);
    const cheapestFirst = await list(`q=pump&category=${audio}&sort=price_asc`);
    expect(namesOf(cheapestFirst)).toEqual(['Drain Hose', 'Washer Drain Pump']);
    const door = await list(`q=door&category=${audio}`);
    expect(namesOf(door)).toEqual(['Door Seal Gasket']);
  });

  it('keeps inactive products out of public search and shows them to admins asking for them', async () => {
    const retired = byName['Retired Headphones Stand'];
    expect(namesOf(await list(`q=headphones&category=${audio}&sort=price_asc`, customer))).toEqual([
      'Bluetooth Over-Ear Headphones',
      'Wireless Noise Cancelling Headphones',
    ]);
    expectProblem(await app.http().get(`/api/v1/products/${retired.id}`), 404);
    const inactive = await list(`q=headphones&category=${audio}&status=inactive`, admin);
    expect(inactive).toEqual({ items: [expect.objectContaining({ id: retired.id, isActive: false })], total: 1, page: 1, limit: 20, totalIsExact: true });
    const all = await list(`q=headphones&category=${audio}&status=all&sort=price_asc`, admin);
    expect(namesOf(all)).toEqual(['Retired Headphones Stand', 'Bluetooth Over-Ear Headphones', 'Wireless Noise Cancelling Headphones']);
    // admins see only active products unless they ask
    expect(namesOf(await list(`q=headphones&category=${audio}&sort=price_asc`, admin))).toHaveLength(2);
  });

  it('sorts by rating (average, then number of reviews) and shows the rating on the product', async () => {
    const reviewers = await Promise.all([registerCustomer(app), registerCustomer(app), registerCustomer(app)]);
    const review = (token: string, name: string, rating: number) =>
      app.http().post(`/api/v1/products/${byName[name].id}/reviews`).set(bearer(token)).send({ rating }).expect(201);
    await review(reviewers[0].token, 'Oven Thermostat', 5);
    await review(reviewers[0].token, 'Drain Hose', 5);
    await review(reviewers[1].token, 'Drain Hose', 5);
    await review(reviewers[0].token, 'Washer Drain Pump', 4);
    await review(reviewers[1].token, 'Washer Drain Pump', 5);
    await review(reviewers[0].token, 'Door Seal Gasket', 2);
    await review(reviewers[1].token, 'Door Seal Gasket', 3);
    await review(reviewers[2].token, 'Door Seal Gasket', 3);

    const rated = await list(`category=${audio}&sort=rating_desc`);
    expect(rated.items.slice(0, 4).map((p) => [p.name, p.rating])).toEqual([
      ['Drain Hose', { average: 5, count: 2 }],
      ['Oven Thermostat', { average: 5, count: 1 }],
      ['Washer Drain Pump', { average: 4.5, count: 2 }],
      ['Door Seal Gasket', { average: 2.67, count: 3 }],
    ]);
    expect(new Set(namesOf(rated).slice(4))).toEqual(new Set(['Bluetooth Over-Ear Headphones', 'Wireless Noise Cancelling Headphones']));
    expect(rated.items.slice(4).map((p) => p.rating)).toEqual([
      { average: 0, count: 0 },
      { average: 0, count: 0 },
    ]);

    const one = await app.http().get(`/api/v1/products/${byName['Washer Drain Pump'].id}`).expect(200);
    expect(one.body).toEqual(
      expect.objectContaining({ name: 'Washer Drain Pump', availability: { available: 10, inStock: true }, rating: { average: 4.5, count: 2 } }),
    );
  });

  it.each([
    ['minPrice greater than maxPrice', 'minPrice=5000&maxPrice=100', 'minPrice'],
    ['an unknown sort', 'sort=cheapest', 'sort'],
    ['limit 0', 'limit=0', 'limit'],
    ['limit 1000', 'limit=1000', 'limit'],
    ['a negative minPrice', 'minPrice=-5', 'minPrice'],
    ['a negative maxPrice', 'maxPrice=-1', 'maxPrice'],
    ['a fractional price', 'minPrice=1.5', 'minPrice'],
    ['a price that is not a number', 'maxPrice=ten', 'maxPrice'],
    ['page 0', 'page=0', 'page'],
    ['inStock that is not a boolean', 'inStock=yes', 'inStock'],
    ['an unknown status', 'status=deleted', 'status'],
    ['a malformed category', 'category=Not%20A%20Slug', 'category'],
    ['an unknown parameter', 'colour=red', 'colour'],
  ])('answers %s with 400 naming the field, on both list endpoints', async (_label, query, field) => {
    for (const path of ['products', 'products/search']) {
      const res = await app.http().get(`/api/v1/${path}?${query}`);
      expectProblem(res, 400);
      // a value that is not a number at all may break several rules of the field, but only that field
      expect(fieldsOf(res.body).length).toBeGreaterThan(0);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
    }
  });

  it('accepts limit 100 (the maximum) and minPrice equal to maxPrice', async () => {
    expect((await list(`category=${audio}&limit=100`)).limit).toBe(100);
    expect((await list(`category=${audio}&minPrice=0&maxPrice=0`)).total).toBe(0);
  });

  it('answers a non-UUID product id with 400 and an unknown one with 404', async () => {
    const bad = await app.http().get('/api/v1/products/12345');
    expectProblem(bad, 400);
    expect(fieldsOf(bad.body)).toEqual(['id']);
    expectProblem(await app.http().get('/api/v1/products/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('shows a newly created product first in newest order and finds it by a typo', async () => {
    const fresh = await createProduct(app, admin, { name: 'Brand New Headphone Pads', price: 1500, category: audio });
    const res = await list(`category=${audio}&sort=newest&limit=1`);
    expect(res).toEqual({ items: [expect.objectContaining({ id: fresh.id })], total: 7, page: 1, limit: 1, totalIsExact: true });
    expect(namesOf(await list(`q=headphnes&category=${audio}&sort=price_asc`))).toEqual([
      'Brand New Headphone Pads',
      'Bluetooth Over-Ear Headphones',
      'Wireless Noise Cancelling Headphones',
    ]);
  });
  it('finds a word the catalog did not use as soon as a product uses it (the cached vocabulary is dropped on every change)', async () => {
    const word = `zq${randomBytes(5).toString('hex').replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)])}`;
    expect(await list(`q=${word}`)).toEqual({ items: [], total: 0, page: 1, limit: 20, totalIsExact: true });
    const category = await createCategory(app, admin, 'search-fresh-word');
    const fresh = await createProduct(app, admin, { name: `${word} flange`, price: 700, category });
    // The notification reaches every process's cache at commit; poll for the short way there.
    await eventually('the new word is searchable', async () => (await list(`q=${word}`)).total === 1);
    expect(await list(`q=${word}`)).toEqual({ items: [expect.objectContaining({ id: fresh.id })], total: 1, page: 1, limit: 20, totalIsExact: true });
  });

  it('follows every product write in a one-word search within a category: price, name, category, deactivation, reactivation, category rename', async () => {
    const [from, to] = [await createCategory(app, admin, 'postings-from'), await createCategory(app, admin, 'postings-to')];
    const word = `zorb${randomBytes(3).toString('hex').replace(/\d/g, 'q')}`;
    const product = await createProduct(app, admin, { name: `${word} valve`, price: 2000, category: from, description: 'A spare.' });
    await createProduct(app, admin, { name: `${word} spring`, price: 1500, category: from, description: 'Another spare.' });
    const found = async (query: string) => namesOf(await list(`q=${query}&sort=price_asc`));
    const patch = (body: object) => app.http().patch(`/api/v1/products/${product.id}`).set(bearer(admin)).send(body).expect(200);
    expect(await found(`${word}&category=${from}`)).toEqual([`${word} spring`, `${word} valve`]);
    await patch({ price: 1000 });
    expect(await found(`${word}&category=${from}`)).toEqual([`${word} valve`, `${word} spring`]);
    expect(await found(`${word}&category=${from}&minPrice=1200`)).toEqual([`${word} spring`]);
    await patch({ name: 'Plain valve' });
    expect(await found(`${word}&category=${from}`)).toEqual([`${word} spring`]);
    expect(await found(`plain&category=${from}`)).toEqual(['Plain valve']);
    await patch({ category: to });
    expect(await found(`plain&category=${from}`)).toEqual([]);
    expect(await found(`plain&category=${to}`)).toEqual(['Plain valve']);
    await app.http().delete(`/api/v1/products/${product.id}`).set(bearer(admin)).expect(204);
    expect(await found(`plain&category=${to}`)).toEqual([]);
    await patch({ isActive: true });
    expect(await found(`plain&category=${to}`)).toEqual(['Plain valve']);
    await app.http().patch(`/api/v1/categories/${to}`).set(bearer(admin)).send({ name: 'Quuxish things' }).expect(200);
    expect(await found(`quuxish&category=${to}`)).toEqual(['Plain valve']);
  });

  it('counts one word within a category exactly up to 1,000 matches and estimates above from the prices the count covered', async () => {
    const category = await createCategory(app, admin, 'postings-many');
    // 1,500 products written straight to the table (the API would take a minute): prices 10.01 to 25.00.
    await app.db.query(
      `INSERT INTO products (id, name, description, price, category_id)
       SELECT gen_random_uuid(), 'Zibbleflux widget ' || g, 'A spare.', 1000 + g, (SELECT id FROM categories WHERE slug = $1)
         FROM generate_series(1, 1500) g`,
      [category],
    );
    const exact = await list(`q=zibbleflux&category=${category}&maxPrice=2000&sort=price_asc&limit=2`);
    expect({ total: exact.total, totalIsExact: exact.totalIsExact }).toEqual({ total: 1000, totalIsExact: true });
    expect(namesOf(exact)).toEqual(['Zibbleflux widget 1', 'Zibbleflux widget 2']);
    const estimated = await list(`q=zibbleflux&category=${category}&sort=price_desc&limit=2`);
    expect(estimated.totalIsExact).toBe(false);
    expect(estimated.total).toBeGreaterThan(1000);
    expect(estimated.total).toBeLessThan(3000);
    expect(namesOf(estimated)).toEqual(['Zibbleflux widget 1500', 'Zibbleflux widget 1499']);
  });

  it('counts exactly up to 100 matches (1,000 for one word within a category); beyond, ranks name matches first and sorts by price over every match', async () => {
    const category = await createCategory(app, admin, 'search-many');
    const inputs = Array.from({ length: 101 }, (_, i) => ({ name: `Spare part ${i}`, price: 1000 + i, category, description: 'Fits the frobnicator arm.' }));
    await Promise.all([0, 1, 2, 3].map((k) => createProducts(app, admin, inputs.filter((_, i) => i % 4 === k))));
    // Created last, so last in the table: only the name ranking brings it into the collected matches.
    const named = await createProduct(app, admin, { name: 'Frobnicator arm', price: 999, category, description: 'The arm itself.' });
    const byRelevance = await list(`q=frobnicator&limit=5`);
    expect(byRelevance.totalIsExact).toBe(false);
    expect(byRelevance.total).toBeGreaterThanOrEqual(101);
    expect(byRelevance.items[0].id).toBe(named.id);
    // One word within a category is counted from its postings, exactly up to 1,000.
    const inCategory = await list(`q=frobnicator&category=${category}&limit=5`);
    expect({ total: inCategory.total, totalIsExact: inCategory.totalIsExact }).toEqual({ total: 102, totalIsExact: true });
    expect(inCategory.items[0].id).toBe(named.id);
    const cheapest = await list(`q=frobnicator+arm&category=${category}&sort=price_asc&limit=3`);
    expect(namesOf(cheapest)).toEqual(['Frobnicator arm', 'Spare part 0', 'Spare part 1']);
    expect(cheapest.totalIsExact).toBe(false);
    const page2 = await list(`q=frobnicator&category=${category}&sort=price_desc&limit=3&page=2`);
    expect(namesOf(page2)).toEqual(['Spare part 97', 'Spare part 96', 'Spare part 95']);
    const exact = await list(`q=frobnicator&category=${category}&maxPrice=1049`);
    expect({ total: exact.total, totalIsExact: exact.totalIsExact }).toEqual({ total: 51, totalIsExact: true });
  });

  it('keeps the count of each word per category equal to its postings through every kind of product write', async () => {
    const drift = async () =>
      (
        await app.db.query(
          `(SELECT term, category_id, count(*)::int AS n FROM product_terms GROUP BY 1, 2
            EXCEPT SELECT term, category_id, products FROM product_term_counts WHERE products > 0)
           UNION ALL
           (SELECT term, category_id, products FROM product_term_counts WHERE products > 0
            EXCEPT SELECT term, category_id, count(*)::int FROM product_terms GROUP BY 1, 2)`,
        )
      ).rows;
    const [from, to] = [await createCategory(app, admin, 'counts-from'), await createCategory(app, admin, 'counts-to')];
    const made = await createProducts(app, admin, [
      { name: 'Wibblor flange', price: 1500, category: from, description: 'A flange.' },
      { name: 'Wibblor sprocket', price: 2500, category: from, description: 'A sprocket.' },
    ]);
    expect(await drift()).toEqual([]);
    const patch = (id: string, body: object) => app.http().patch(`/api/v1/products/${id}`).set(bearer(admin)).send(body).expect(200);
    await patch(made[0].id, { name: 'Wibblor grommet' });
    await patch(made[0].id, { price: 1700 });
    await patch(made[1].id, { category: to });
    await patch(made[1].id, { isActive: false });
    expect(await drift()).toEqual([]);
    await patch(made[1].id, { isActive: true });
    await app.db.query(
      `INSERT INTO products (id, name, description, price, category_id)
       SELECT gen_random_uuid(), 'Wibblor bulk ' || g, 'Bulk.', 100 + g, (SELECT id FROM categories WHERE slug = $1) FROM generate_series(1, 30) g`,
      [from],
    );
    await app.http().delete(`/api/v1/products/${made[0].id}`).set(bearer(admin)).expect(204);
    await app.db.query(`DELETE FROM products WHERE name LIKE 'Wibblor bulk 1%'`);
    expect(await drift()).toEqual([]);
    const { rows } = await app.db.query(
      `SELECT c.products FROM product_term_counts c JOIN categories k ON k.id = c.category_id WHERE c.term = 'wibblor' AND k.slug = $1`,
      [from],
    );
    expect(rows).toEqual([{ products: 19 }]);
  });

  it('keeps postings and counts of the dictionary\'s phrases, also when the same words stop forming one', async () => {
    const category = await createCategory(app, admin, 'phrase-postings');
    const [hose] = await createProducts(app, admin, [{ name: 'Zorbet inlet hose', price: 1200, category, description: 'Fits any washing machine.' }]);
    const phraseOf = async () =>
      (
        await app.db.query(
          `SELECT t.headline, (SELECT c.products FROM product_term_counts c WHERE c.term = t.term AND c.category_id = t.category_id) AS counted
             FROM product_terms t WHERE t.term = 'washing machine' AND t.product_id = $1`,
          [hose.id],
        )
      ).rows;
    expect(await phraseOf()).toEqual([{ headline: false, counted: 1 }]);
    expect(namesOf(await list('q=washer+zorbet'))).toEqual(['Zorbet inlet hose']);
    // In the name the phrase is a headline term (it ranks first among a one-word search's matches).
    const patch = (body: object) => app.http().patch(`/api/v1/products/${hose.id}`).set(bearer(admin)).send(body).expect(200);
    await patch({ name: 'Zorbet washing machine hose' });
    expect(await phraseOf()).toEqual([{ headline: true, counted: 1 }]);
    // The same words, no longer the phrase: its posting and count go, the words' stay.
    await patch({ name: 'Zorbet inlet hose', description: 'A machine for washing, any.' });
    expect(await phraseOf()).toEqual([]);
    const { rows } = await app.db.query(
      `SELECT c.term, c.products FROM product_term_counts c JOIN categories k ON k.id = c.category_id
        WHERE k.slug = $1 AND c.term IN ('washing machine', 'wash', 'machin') ORDER BY c.term`,
      [category],
    );
    expect(rows).toEqual([
      { term: 'machin', products: 1 },
      { term: 'wash', products: 1 },
      { term: 'washing machine', products: 0 },
    ]);
    expect(await list('q=washer+zorbet')).toMatchObject({ items: [], total: 0 });
  });

  it('finds a product holding several variants of a term once (a synonym and a phrase too)', async () => {
    const category = await createCategory(app, admin, 'several-variants');
    await createProducts(app, admin, [
      { name: 'Plimsol seal gasket', price: 1000, category, description: 'A seal.' },
      { name: 'Plimsol gasket', price: 1100, category, description: 'A gasket.' },
      { name: 'Plimsol washer seal', price: 1200, category, description: 'Fits any washing machine.' },
    ]);
    // "plimsol" common (the search starts from the counts), "seal" and "washer" rare: their
    // variants' postings drive it, and the first and last product hold two variants each.
    await app.db.query(
      `INSERT INTO products (id, name, description, price, category_id)
       SELECT gen_random_uuid(), 'Plimsol lever ' || g, 'Filler.', 100 + g, (SELECT id FROM categories WHERE slug = $1) FROM generate_series(1, 300) g`,
      [category],
    );
    const search = async (q: string) => {
      const direct = await searchDirectly(q);
      expect(direct.statements.map((text) => text.includes('product_term_counts'))).toEqual([true]);
      const res = await list(`q=${encodeURIComponent(q)}`);
      expect(namesOf(res)).toEqual(direct.rows.map((r) => r.name));
      return { names: [...namesOf(res)].sort(), total: res.total, totalIsExact: res.totalIsExact };
    };
    expect(await search('plimsol seal')).toEqual({
      names: ['Plimsol gasket', 'Plimsol seal gasket', 'Plimsol washer seal'],
      total: 3,
      totalIsExact: true,
    });
    // A product holding two variants of a term ranks by both: first, and its relevance the sum of
    // its postings' ranks for the words searched (the driving term's variants included).
    const ranked = await searchDirectly('plimsol seal');
    const [top] = ranked.rows as unknown as { id: string; name: string; relevance: number }[];
    expect(top.name).toBe('Plimsol seal gasket');
    const [{ sum }] = (
      await app.db.query(
        `SELECT sum(rank)::float8 AS sum FROM product_terms
          WHERE product_id = $1 AND term IN (search_term('plimsol'), search_term('seal'), search_term('gasket'))`,
        [top.id],
      )
    ).rows as { sum: number }[];
    expect(Number(top.relevance)).toBeCloseTo(sum, 4);
    expect(await search('plimsol washer')).toEqual({ names: ['Plimsol washer seal'], total: 1, totalIsExact: true });
    // Typed, both words are rare ("plimsl" is used by no product): the commonest word searched
    // is the correction's, so this search starts from the counts too.
    expect(await search('plimsl gasket')).toEqual({ names: ['Plimsol gasket', 'Plimsol seal gasket', 'Plimsol washer seal'], total: 3, totalIsExact: true });
  });

  it('searches a hyphenated word whole where the catalog uses it, through its postings, and by its parts where not', async () => {
    const category = await createCategory(app, admin, 'compound-words');
    await createProducts(app, admin, [
      { name: 'Anti-rattle feet', price: 1500, category, description: 'Four rubber feet for a washing machine.' },
      { name: 'Rattle damper', price: 1600, category, description: 'Anti slip rubber base.' },
      { name: 'Frying pan', price: 2500, category, description: 'Non-stick, anti-scratch coating.' },
    ]);
    const search = async (q: string, criteria: Partial<ProductSearchCriteria> = {}) => {
      const { statements } = await searchDirectly(q, criteria);
      const extra = criteria.category ? `&category=${criteria.category}&sort=${criteria.sort}` : '';
      const res = await list(`q=${encodeURIComponent(q)}${extra}`);
      return { names: [...namesOf(res)].sort(), total: res.total, gin: statements.some((text) => text.includes('@@')) };
    };
    // Whole: one term, read from its postings (no GIN), also within a category by price.
    expect(await search('anti-rattle')).toEqual({ names: ['Anti-rattle feet'], total: 1, gin: false });
    expect(await search('Anti-Rattle', { category, sort: 'price_asc' })).toEqual({ names: ['Anti-rattle feet'], total: 1, gin: false });
    expect(await search('non-stick pan')).toMatchObject({ names: ['Frying pan'], total: 1 });
    // Apart, or whole but used by no product (a typo): its parts, wherever both occur.
    expect(await search('anti rattle')).toMatchObject({ names: ['Anti-rattle feet', 'Rattle damper'], total: 2 });
    expect(await search('anti-rattel')).toMatchObject({ names: ['Anti-rattle feet', 'Rattle damper'], total: 2 });
  });

  it('finds several words only where they all occur, through their synonyms and phrases, ranking name matches first', async () => {
    const [parts, tools] = [await createCategory(app, admin, 'several-parts'), await createCategory(app, admin, 'several-tools')];
    await createProducts(app, admin, [
      { name: 'Quillet flange', price: 1000, category: parts, description: 'Fits most washing machines.' },
      { name: 'Quillet bracket', price: 1100, category: parts, description: 'Holds the quillet flange to a washer.' },
      { name: 'Quillet flange machine', price: 1200, category: parts, description: 'A machine, but not for washing.' },
      { name: 'Flange spanner', price: 900, category: tools, description: 'For any flange.' },
      { name: 'Quillet gauge', price: 800, category: tools, description: 'Measures a quillet.' },
    ]);
    // 300 products with "quillet" and "washer" elsewhere: common words, so that these searches
    // start from the counts per category (words of a few products each go straight to GIN).
    await app.db.query(
      `INSERT INTO products (id, name, description, price, category_id)
       SELECT gen_random_uuid(), 'Quillet washer ' || g, 'Filler.', 100 + g, (SELECT id FROM categories WHERE slug = $1) FROM generate_series(1, 300) g`,
      [await createCategory(app, admin, 'several-filler')],
    );
    const search = async (q: string) => {
      const res = await list(`q=${encodeURIComponent(q)}`);
      // The same search as the app runs it, on a connection of the test's: one statement after
      // the vocabulary's, the one that starts from the counts, and it answered.
      const { statements } = await searchDirectly(q);
      expect(statements.map((text) => text.includes('product_term_counts'))).toEqual([true]);
      return { names: namesOf(res), total: res.total, totalIsExact: res.totalIsExact };
    };
    // Both words in the name (equal ranks, in either order), then the one with a word in its description.
    const both = await search('quillet flange');
    expect({ ...both, names: [...both.names.slice(0, 2).sort(), ...both.names.slice(2)] }).toEqual({
      names: ['Quillet flange', 'Quillet flange machine', 'Quillet bracket'],
      total: 3,
      totalIsExact: true,
    });
    // "washer" is also "washing machine": the phrase's own postings, not its last word's.
    expect(await search('washer flange')).toEqual({ names: ['Quillet flange', 'Quillet bracket'], total: 2, totalIsExact: true });
    expect(await search('quillet spanner')).toEqual({ names: [], total: 0, totalIsExact: true });
  });

  it('answers several common words that rarely meet exactly, also where reading their postings would not be bounded', async () => {
    const category = await createCategory(app, admin, 'several-common');
    // 1,100 products with one word and 1,100 with the other, one with both at the far end of the
    // price order: more postings than a search of several words reads before it leaves the
    // search to the full-text index.
    await app.db.query(
      `INSERT INTO products (id, name, description, price, category_id)
       SELECT gen_random_uuid(), CASE WHEN g % 2 = 0 THEN 'Plonkit lever ' ELSE 'Vrillet lever ' END || g, 'A lever.', 1000 + g,
              (SELECT id FROM categories WHERE slug = $1)
         FROM generate_series(1, 2200) g`,
      [category],
    );
    const both = await createProduct(app, admin, { name: 'Plonkit vrillet lever', price: 99999, category, description: 'Both.' });
    const res = await list(`q=${encodeURIComponent('plonkit vrillet')}`);
    expect({ ids: res.items.map((p) => p.id), total: res.total, totalIsExact: res.totalIsExact }).toEqual({ ids: [both.id], total: 1, totalIsExact: true });
    const many = await list(`q=${encodeURIComponent('plonkit lever')}&limit=3`);
    expect(many.totalIsExact).toBe(false);
    expect(many.total).toBeGreaterThan(100);
    expect(many.items).toHaveLength(3);
  });

  it('plans each prepared search statement once per connection, whatever the words, prices and pages', async () => {
    // The statements the app's pooled connections run, on a connection of the test's own: a plan
    // made for the values can look cheaper than the one made once, and PostgreSQL would then plan
    // every execution again (the postings searches did, 0 plans kept in 2,830 executions).
    const client = new Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      const criteria = (over: Partial<ProductSearchCriteria>): ProductSearchCriteria => ({ sort: 'relevance', status: 'active', page: 1, limit: 20, ...over });
      for (let i = 0; i < 12; i++) {
        const searches = [
          criteria({ q: ['drain', 'pump', 'hose'][i % 3], category: audio, minPrice: 100 * i, maxPrice: 5000 + 1000 * i, sort: 'price_asc', page: 1 + (i % 2) }),
          criteria({ q: ['headphones', 'seal', 'oven'][i % 3], page: 1 + (i % 2), limit: 10 + i }),
          criteria({ q: ['drain pump', 'door seal', 'over ear'][i % 3], minPrice: 10 * i }),
        ];
        for (const search of searches) await runProductSearch(async (q) => (await client.query(pgQuery(q))).rows, search);
      }
      const { rows } = await client.query<{ statement: string; generic_plans: string; custom_plans: string }>(
        `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'search\\_%'`,
      );
      // PostgreSQL makes 5 plans for the values first, then compares. The statements run more
      // often than that: one word by price, one word by relevance, several words.
      const repeated = rows.filter((r) => Number(r.custom_plans) + Number(r.generic_plans) > 5);
      expect(repeated.length).toBeGreaterThanOrEqual(3);
      for (const row of repeated) expect({ statement: row.statement.slice(0, 60), custom: Number(row.custom_plans) }).toEqual({ statement: row.statement.slice(0, 60), custom: 5 });
    } finally {
      await client.end();
    }
  });
});
