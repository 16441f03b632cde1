import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { progressBar } from './lib/progress';
import { openMigratedDataSource, seedCatalogAtScale } from './lib/scale-seed';

const USAGE = 'usage: DATABASE_URL=postgres://... npm run seed -- [--products N] [--reviews-per-product X] [--seed S]';

function numberOption(name: string, value: string | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be a ${integer ? 'whole ' : ''}number of at least 0 (got "${value}")`);
  }
  return n;
}

/** `npm run seed -- --products 100000`: bulk catalog data into DATABASE_URL (migrated first). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      products: { type: 'string' },
      'reviews-per-product': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const products = numberOption('products', values.products, 1000, true);
  const reviewsPerProduct = numberOption('reviews-per-product', values['reviews-per-product'], 0.3, false);
  const seed = numberOption('seed', values.seed, Date.now() % 1_000_000, true);
  if (reviewsPerProduct > 20) throw new Error('--reviews-per-product is an average per product; keep it at most 20');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error(`DATABASE_URL is required (${USAGE})`);

  const started = Date.now();
  const ds = await openMigratedDataSource(url);
  try {
    const bar = progressBar('products', products);
    const result = await seedCatalogAtScale(ds, { products, reviewsPerProduct, seed, onProgress: (n) => bar.update(n) });
    bar.finish();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `seeded ${result.products} products (with inventory and ledger) and ${result.reviews} reviews by ${result.reviewers} customers ` +
        `in ${seconds}s (inserts and VACUUM ${(result.ms / 1000).toFixed(1)}s, seed ${seed})\n`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
