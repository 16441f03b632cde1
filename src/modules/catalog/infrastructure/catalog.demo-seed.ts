import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ensureCategories, ensureRepairServices, insertProducts, ProductSeedRow } from './catalog.bulk-insert';
import { CATEGORIES, generateProduct, seededRandom } from './catalog.generator';

const PER_CATEGORY = 5;
/** Positions of the demo products that start sold out, so "inStock" filters show something. */
const SOLD_OUT = new Set([3, 22]);

/**
 * The demo catalog: the standard categories, five products in each (every other item kind, so
 * the list includes "wireless headphones" for typo search), their stock with its ledger, and one
 * repair service per service type. Same names and prices on every first start.
 */
export async function seedCatalogDemo(m: EntityManager, adminId: string): Promise<void> {
  const run = (sql: string, params?: unknown[]) => m.query(sql, params);
  await ensureCategories(run);
  const rand = seededRandom(20_251_126);
  const now = Date.now();
  const products: ProductSeedRow[] = CATEGORIES.flatMap((category) =>
    category.items
      .filter((_, i) => i % 2 === 0)
      .slice(0, PER_CATEGORY)
      .map((def) => generateProduct(rand, category, def, now, 0)),
  ).map((p, position) => ({
    ...p,
    id: randomUUID(),
    imageUrl: p.imageUrl?.replace(/-0\.jpg$/, '.jpg') ?? null,
    createdBy: adminId,
    onHand: SOLD_OUT.has(position) ? 0 : Math.max(p.onHand, 5),
  }));
  await insertProducts(run, products);
  await ensureRepairServices(run);
}
