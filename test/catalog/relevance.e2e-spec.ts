import { createProduct } from '../support/catalog';
import { ADMIN, bearer, login, startTestApp, TestApp } from '../support/test-app';

interface PageBody {
  items: { id: string; name: string; category: { slug: string } }[];
  total: number;
  totalIsExact: boolean;
}

/**
 * The relevance test set: queries a shopper types on the demo catalog (README, "Demo accounts"),
 * with the products that must come first. Names are the demo seed's (deterministic).
 */
describe('catalog: search relevance on the demo catalog', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  const search = async (q: string, extra: Record<string, string> = {}) =>
    (
      await app
        .http()
        .get('/api/v1/products/search')
        .query({ q, limit: 100, ...extra })
        .expect(200)
    ).body as PageBody;
  const names = (page: PageBody) => page.items.map((p) => p.name);
  const washerParts = [
    'Beko Classic drain pump (compatible)',
    'Bosch Pro door gasket (OEM)',
    'Neff Futura drive belt (compatible)',
    'Electrolux Premium shock absorber (universal fit)',
    'Miele Ultima inlet valve (OEM)',
  ];
  const drainPumps = ['Beko Classic drain pump (compatible)', 'Samsung Aquarius drain pump - fast dispatch'];

  it.each([
    // synonyms: the category is "Washing machine parts", descriptions say "washing machines"
    ['washer', [...washerParts, 'Affresh VD9828 washing machine cleaner']],
    ['washing machine', [...washerParts, 'Affresh VD9828 washing machine cleaner']],
    ['washers', [...washerParts, 'Affresh VD9828 washing machine cleaner']],
    // multi-word with one typo; plurals
    ['drian pump', drainPumps],
    ['drain pumps', drainPumps],
    ['dishwaser drain pump', ['Samsung Aquarius drain pump - fast dispatch']],
    ['pump xqzvk', drainPumps],
    // misspellings
    ['thermostatt', ['AEG Serie 2 thermostat']],
    ['headphnes', ['Dyson NB5231 wireless headphones']],
    ['idler pully', ['Miele Classic idler pulley replacement']],
    // a synonym of a part word, with a typo
    [
      'door gaskit',
      ['Bosch Pro door gasket (OEM)', 'Samsung Eco door seal', 'Electrolux Smart oven door seal replacement'],
    ],
    ['samsung door seals', ['Samsung Eco door seal']],
    ['cooker seal', ['Electrolux Smart oven door seal replacement']],
    ['refrigerator thermostat', ['AEG Serie 2 thermostat']],
    ['tumble drier belt', ['Samsung Serie 6 drum belt']],
  ])('"%s" puts the expected products first', async (q, expected) => {
    const page = await search(q);
    expect(new Set(names(page).slice(0, expected.length))).toEqual(new Set(expected));
    expect(page.totalIsExact).toBe(true);
    expect(page.total).toBe(page.items.length);
  });

  it('finds the whole appliance by its other name: fridge and refrigerator, oven and cooker, dryer and tumble dryer', async () => {
    for (const [a, b, category] of [
      ['fridge', 'refrigerator', 'fridge-parts'],
      ['oven', 'cooker', 'oven-parts'],
      ['dryer', 'tumble dryer', 'dryer-parts'],
    ]) {
      const first = await search(a);
      const second = await search(b);
      expect(names(second)).toEqual(names(first));
      // the category's five products come before products that only mention the appliance
      expect(first.items.slice(0, 5).map((p) => p.category.slug)).toEqual(Array(5).fill(category));
    }
  });

  it('finds nothing for words nothing is close to', async () => {
    expect(await search('zeppelin')).toEqual({
      items: [],
      total: 0,
      totalIsExact: true,
      page: 1,
      limit: 100,
    });
    expect(await search('the and for')).toEqual({
      items: [],
      total: 0,
      totalIsExact: true,
      page: 1,
      limit: 100,
    });
  });

  it('corrects to words of products added later, in the same transaction as the write', async () => {
    const admin = await login(app, ADMIN);
    const product = await createProduct(app, admin, {
      name: 'Zanussi flexiglide drawer runner',
      price: 1299,
      category: 'fridge-parts',
    });
    expect(names(await search('flexiglyde'))).toEqual([product.name]);
    await app
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(bearer(admin))
      .send({ name: 'Zanussi drawer runner' })
      .expect(200);
    // the word left the catalog: nothing to correct to
    expect(names(await search('flexiglyde'))).toEqual([]);
    const { rows } = await app.db.query(`SELECT products FROM search_words WHERE word = 'flexiglide'`);
    expect(rows).toEqual([{ products: 0 }]);
  });
});
