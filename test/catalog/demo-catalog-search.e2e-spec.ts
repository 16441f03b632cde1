import { startTestApp, TestApp } from '../support/test-app';

interface ProductBody {
  id: string;
  name: string;
  price: number;
  category: { slug: string };
  availability: { available: number; inStock: boolean };
}
interface PageBody {
  items: ProductBody[];
  total: number;
  page: number;
  limit: number;
}

describe('catalog: demo data and search', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  const search = async (query: Record<string, string | number>) =>
    (await app.http().get('/api/v1/products/search').query(query).expect(200)).body as PageBody;

  it('seeds categories, products with stock and ledger, and one repair service per type', async () => {
    const categories = (await app.http().get('/api/v1/categories').expect(200)).body as { slug: string; productCount: number }[];
    expect(categories).toHaveLength(8);
    expect(categories.every((c) => c.productCount === 5)).toBe(true);
    const services = (await app.http().get('/api/v1/services').expect(200)).body as { items: { serviceType: string; durationMinutes: number }[] };
    expect(services.items.map((s) => s.serviceType).sort()).toEqual(['dishwasher', 'dryer', 'fridge', 'microwave', 'oven', 'washer']);
    expect(services.items.every((s) => s.durationMinutes % 15 === 0 && s.durationMinutes >= 60 && s.durationMinutes <= 180)).toBe(true);
    const { rows } = await app.db.query(`
      SELECT count(*)::int AS products,
             count(*) FILTER (WHERE i.on_hand = 0)::int AS sold_out,
             count(*) FILTER (WHERE i.on_hand <> COALESCE((SELECT sum(m.on_hand_delta) FROM stock_movements m WHERE m.product_id = p.id), 0))::int AS ledger_mismatches
        FROM products p JOIN inventory i ON i.product_id = p.id`);
    expect(rows[0]).toEqual({ products: 40, sold_out: 2, ledger_mismatches: 0 });
  });

  it('finds a product despite a typo', async () => {
    const page = await search({ q: 'headphnes' });
    expect(page.items.map((p) => p.name).join(' ')).toMatch(/headphones/);
  });

  it('sorts one statement\'s page and total consistently across pages and past the end', async () => {
    const all = await search({ q: 'replacement', sort: 'price_asc', limit: 100 });
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(10);
    const prices = all.items.map((p) => p.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const second = await search({ q: 'replacement', sort: 'price_asc', limit: 5, page: 2 });
    expect(second.items.map((p) => p.id)).toEqual(all.items.slice(5, 10).map((p) => p.id));
    expect(second.total).toBe(all.total);
    const beyond = await search({ q: 'replacement', sort: 'price_asc', limit: 5, page: 50 });
    expect(beyond).toEqual({ items: [], total: all.total, page: 50, limit: 5, totalIsExact: true });
    const none = await search({ q: 'zzzzqqq' });
    expect(none).toEqual({ items: [], total: 0, page: 1, limit: 20, totalIsExact: true });
  });

  it('applies category, price and stock filters to the matches', async () => {
    const page = await search({ q: 'replacement', category: 'washer-parts', minPrice: 1000, maxPrice: 20000, inStock: 'true', sort: 'price_desc' });
    expect(page.items.length).toBeGreaterThan(0);
    for (const p of page.items) {
      expect(p.category.slug).toBe('washer-parts');
      expect(p.price).toBeGreaterThanOrEqual(1000);
      expect(p.price).toBeLessThanOrEqual(20000);
      expect(p.availability.inStock).toBe(true);
    }
    const soldOut = await search({ q: 'replacement', inStock: 'false', limit: 100 });
    expect(soldOut.items.every((p) => p.availability.available === 0)).toBe(true);
  });
});
