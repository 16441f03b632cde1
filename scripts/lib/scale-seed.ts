import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import {
  ensureCategories,
  ensureRepairServices,
  insertProducts,
  insertReviews,
  ProductSeedRow,
  ReviewSeedRow,
  SqlRunner,
} from '../../src/modules/catalog/infrastructure/catalog.bulk-insert';
import { generateProducts, pick, Random, seededRandom } from '../../src/modules/catalog/infrastructure/catalog.generator';

/**
 * Bulk catalog data for load tests: N products with inventory and ledger, plus reviews from a
 * pool of generated customers. Library code shared by `npm run seed` and `npm run bench`.
 */
export interface ScaleSeedOptions {
  products: number;
  /** Average reviews per product (Poisson distributed); 0 for none. */
  reviewsPerProduct: number;
  /** PRNG seed; the same seed gives the same names, prices and stock. */
  seed?: number;
  batchSize?: number;
  onProgress?: (productsDone: number) => void;
}

export interface ScaleSeedResult {
  products: number;
  reviews: number;
  reviewers: number;
  ms: number;
}

const REVIEWERS = 300;
// argon2id (OWASP parameters, as the app hashes) of "Seed-Customer-Password-1", computed once so
// that creating hundreds of users costs nothing. A documented test password, not a secret.
const REVIEWER_PASSWORD_HASH = '$argon2id$v=19$m=19456,p=1,t=2$GvBMRH0YkpiNllUe9t8hoQ$Tb4stet/kVAfe8aF5R1iF3qQpB6mXxwYH9rETB7Syzw';
const FIRST_NAMES = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Ivy', 'Leo', 'Freya', 'Oscar', 'Lily', 'Harry', 'Grace', 'Jack'];
const LAST_NAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker'];
const COMMENTS: Record<number, readonly string[]> = {
  5: ['Fitted in ten minutes, works perfectly.', 'Exact match for the original part. Machine running like new.', 'Great price and next day delivery.'],
  4: ['Good quality, instructions could be clearer.', 'Works well, slightly different colour from the original.', 'Does the job, took a while to fit.'],
  3: ['Fine for the price.', 'Works but noisier than the original.', 'Arrived late but works.'],
  2: ['Fit was poor, needed some trimming.', 'Stopped working after a few months.'],
  1: ['Wrong part for my model despite the listing.', 'Arrived damaged.'],
};

/** Opens a DataSource on `url` and applies pending migrations, as the app does at start. */
export async function openMigratedDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, { extra: { max: 2 } }));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } catch (error) {
    await ds.destroy();
    throw error;
  }
  return ds;
}

/** Knuth's method; fine for the small means used here. */
function poisson(rand: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

function reviewRating(rand: Random): number {
  const r = rand();
  return r < 0.45 ? 5 : r < 0.75 ? 4 : r < 0.87 ? 3 : r < 0.93 ? 2 : 1;
}

async function ensureReviewers(run: SqlRunner): Promise<string[]> {
  const rand = seededRandom(7);
  const emails = Array.from({ length: REVIEWERS }, (_, i) => `seed-customer-${String(i + 1).padStart(3, '0')}@example.com`);
  await run(
    `INSERT INTO users (id, email, password_hash, full_name, role)
     SELECT id, email, $3, full_name, 'customer' FROM unnest($1::uuid[], $2::text[], $4::text[]) AS u(id, email, full_name)
     ON CONFLICT ((lower(email))) DO NOTHING`,
    [emails.map(() => randomUUID()), emails, REVIEWER_PASSWORD_HASH, emails.map(() => `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`)],
  );
  const rows = (await run(`SELECT id FROM users WHERE email = ANY($1::text[]) ORDER BY email`, [emails])) as { id: string }[];
  return rows.map((r) => r.id);
}

function reviewsFor(rand: Random, product: ProductSeedRow, reviewers: readonly string[], mean: number, now: number): ReviewSeedRow[] {
  const count = Math.min(poisson(rand, mean), reviewers.length);
  const authors = new Set<string>();
  while (authors.size < count) authors.add(pick(rand, reviewers));
  const since = product.createdAt.getTime();
  return [...authors].map((userId) => {
    const rating = reviewRating(rand);
    return { productId: product.id, userId, rating, comment: pick(rand, COMMENTS[rating]), createdAt: new Date(since + Math.floor(rand() * (now - since))) };
  });
}

/**
 * Inserts the products in batches of multi-row statements inside one transaction (all or
 * nothing), then VACUUM ANALYZEs the tables: the planner sees the new sizes at once, the GIN
 * indexes' pending lists are merged (a manual ANALYZE alone leaves them to be scanned by every
 * search until autovacuum comes) and the visibility map allows index-only scans.
 */
export async function seedCatalogAtScale(ds: DataSource, options: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5000;
  const rand = seededRandom((options.seed ?? 1) * 7919 + 13);
  const now = Date.now();
  // Bulk loading is the one case where buffering GIN inserts pays: the pending lists are merged
  // by the VACUUM below, after which search runs without them again.
  const searchIndexes = ['products_search_idx'];
  for (const index of searchIndexes) await ds.query(`ALTER INDEX ${index} SET (fastupdate = on)`);
  const qr = ds.createQueryRunner();
  await qr.connect();
  let reviews = 0;
  let reviewers: string[] = [];
  try {
    const run: SqlRunner = (sql, params) => qr.query(sql, params);
    await qr.startTransaction();
    await ensureCategories(run);
    await ensureRepairServices(run);
    if (options.reviewsPerProduct > 0) reviewers = await ensureReviewers(run);

    let batch: ProductSeedRow[] = [];
    let batchReviews: ReviewSeedRow[] = [];
    let done = 0;
    const flush = async () => {
      await insertProducts(run, batch);
      await insertReviews(run, batchReviews);
      done += batch.length;
      reviews += batchReviews.length;
      batch = [];
      batchReviews = [];
      options.onProgress?.(done);
    };
    for (const generated of generateProducts(options.products, options.seed ?? 1, now)) {
      const product: ProductSeedRow = { ...generated, id: randomUUID(), createdBy: null };
      if (reviewers.length > 0) {
        const rows = reviewsFor(rand, product, reviewers, options.reviewsPerProduct, now);
        product.rating = { count: rows.length, sum: rows.reduce((s, r) => s + r.rating, 0) };
        batchReviews.push(...rows);
      }
      batch.push(product);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    await qr.commitTransaction();
  } catch (error) {
    if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    for (const index of searchIndexes) await ds.query(`ALTER INDEX ${index} SET (fastupdate = off)`).catch(() => undefined);
    throw error;
  } finally {
    await qr.release();
  }
  await ds.query('VACUUM (ANALYZE) categories, products, product_terms, product_term_counts, inventory, stock_movements, reviews, users, search_words, product_counts');
  for (const index of searchIndexes) await ds.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
  return { products: options.products, reviews, reviewers: reviewers.length, ms: Date.now() - started };
}
