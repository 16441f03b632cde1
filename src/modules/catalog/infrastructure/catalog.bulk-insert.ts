import { randomUUID } from 'node:crypto';
import { averageOf } from '../domain/rating';
import { CATEGORIES, REPAIR_SERVICES } from './catalog.generator';

/**
 * Set-based inserts for seeding: one statement per batch of rows (arrays bound through
 * `unnest`), never one statement per row. Shared by the demo seed and the scale seed; `run` is
 * `EntityManager.query`, `DataSource.query` or a pg client's query.
 */
export type SqlRunner = (sql: string, params?: unknown[]) => Promise<unknown>;

export interface ProductSeedRow {
  id: string;
  name: string;
  description: string;
  price: number;
  categorySlug: string;
  imageUrl: string | null;
  createdBy: string | null;
  createdAt: Date;
  /** Units on hand; a restock movement of the same size is written when above 0. */
  onHand: number;
  rating?: { count: number; sum: number };
}

export interface ReviewSeedRow {
  productId: string;
  userId: string;
  rating: number;
  comment: string;
  createdAt: Date;
}

/** The standard categories, inserted if missing; returns how many were new. */
export async function ensureCategories(run: SqlRunner): Promise<number> {
  const rows = (await run(
    `INSERT INTO categories (id, slug, name)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [CATEGORIES.map(() => randomUUID()), CATEGORIES.map((c) => c.slug), CATEGORIES.map((c) => c.name)],
  )) as unknown[];
  return rows.length;
}

/** One repair service per service type, for the types that have none yet. */
export async function ensureRepairServices(run: SqlRunner): Promise<void> {
  await run(
    `INSERT INTO services (id, name, description, base_price, service_type, duration_minutes)
     SELECT u.* FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[])
       AS u(id, name, description, base_price, service_type, duration_minutes)
     WHERE NOT EXISTS (SELECT 1 FROM services s WHERE s.service_type = u.service_type)`,
    [
      REPAIR_SERVICES.map(() => randomUUID()),
      REPAIR_SERVICES.map((s) => s.name),
      REPAIR_SERVICES.map((s) => s.description),
      REPAIR_SERVICES.map((s) => s.basePrice),
      REPAIR_SERVICES.map((s) => s.serviceType),
      REPAIR_SERVICES.map((s) => s.durationMinutes),
    ],
  );
}

/**
 * Products with their inventory record and, when stocked, the initial restock movement, in one
 * statement: the ledger of each product sums to its on_hand from the start.
 */
export async function insertProducts(run: SqlRunner, rows: readonly ProductSeedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ProductSeedRow) => T) => rows.map(f);
  await run(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::uuid[], $8::timestamptz[],
                            $9::int[], $10::int[], $11::numeric[], $12::int[], $13::uuid[])
         AS u(id, name, description, price, slug, image_url, created_by, created_at, rating_count, rating_sum, rating_avg, on_hand, movement_id)
     ), new_products AS (
       INSERT INTO products (id, name, description, price, category_id, image_url, created_by, rating_count, rating_sum, rating_avg, created_at, updated_at)
       SELECT i.id, i.name, i.description, i.price, c.id, i.image_url, i.created_by, i.rating_count, i.rating_sum, i.rating_avg, i.created_at, i.created_at
         FROM input i JOIN categories c ON c.slug = i.slug
     ), new_inventory AS (
       INSERT INTO inventory (product_id, on_hand, reserved, updated_at) SELECT id, on_hand, 0, created_at FROM input
     )
     INSERT INTO stock_movements (id, product_id, on_hand_delta, reserved_delta, reason, note, actor_id, created_at)
     SELECT movement_id, id, on_hand, 0, 'restock', 'initial stock', created_by, created_at FROM input WHERE on_hand > 0`,
    [
      col((r) => r.id),
      col((r) => r.name),
      col((r) => r.description),
      col((r) => r.price),
      col((r) => r.categorySlug),
      col((r) => r.imageUrl),
      col((r) => r.createdBy),
      col((r) => r.createdAt.toISOString()),
      col((r) => r.rating?.count ?? 0),
      col((r) => r.rating?.sum ?? 0),
      col((r) => averageOf(r.rating ?? { count: 0, sum: 0 }).toFixed(2)),
      col((r) => r.onHand),
      col(() => randomUUID()),
    ],
  );
}

/** Reviews whose products already carry the matching rating_count / rating_sum / rating_avg. */
export async function insertReviews(run: SqlRunner, rows: readonly ReviewSeedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await run(
    `INSERT INTO reviews (id, product_id, user_id, rating, comment, verified, created_at)
     SELECT id, product_id, user_id, rating, comment, false, created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::smallint[], $5::text[], $6::timestamptz[])
         AS u(id, product_id, user_id, rating, comment, created_at)`,
    [
      rows.map(() => randomUUID()),
      rows.map((r) => r.productId),
      rows.map((r) => r.userId),
      rows.map((r) => r.rating),
      rows.map((r) => r.comment),
      rows.map((r) => r.createdAt.toISOString()),
    ],
  );
}
