import { Injectable } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { CategoryChanges, ProductRepository } from '../domain/catalog.ports';
import { Product } from '../domain/product';
import { averageOf, RatingSummary } from '../domain/rating';
import { CategoryOrmEntity, ProductOrmEntity } from './catalog.orm-entity';

@Injectable()
export class TypeOrmProductRepository extends ProductRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  async findById(id: string): Promise<Product | null> {
    const row = await this.tx.manager.findOneBy(ProductOrmEntity, { id });
    if (!row) return null;
    const { ratingAvg: _a, ratingCount: _c, ratingSum: _s, ...props } = row;
    return Product.restore(props);
  }

  async save(product: Product): Promise<void> {
    // Only the product's own fields: the rating columns belong to updateRating.
    await this.tx.manager.upsert(ProductOrmEntity, product.snapshot(), ['id']);
    await this.events.publish(product.pullEvents());
  }

  async categoryIdBySlug(slug: string): Promise<string | null> {
    const row = await this.tx.manager.findOneBy(CategoryOrmEntity, { slug });
    return row?.id ?? null;
  }

  async addCategory(id: string, slug: string, name: string, vatRatePercent: number | null): Promise<boolean> {
    const rows = (await this.tx.manager.query(
      `INSERT INTO categories (id, slug, name, vat_rate_percent) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [id, slug, name, vatRatePercent],
    )) as unknown[];
    return rows.length > 0;
  }

  async updateCategory(slug: string, changes: CategoryChanges): Promise<boolean> {
    // A rename fires categories_renamed (search vectors and vocabulary of its products follow).
    const rows = (await this.tx.manager.query(
      `UPDATE categories
          SET name = CASE WHEN $2 THEN $3 ELSE name END,
              vat_rate_percent = CASE WHEN $4 THEN $5::integer ELSE vat_rate_percent END
        WHERE slug = $1 RETURNING id`,
      [slug, changes.name !== undefined, changes.name ?? null, changes.vatRatePercent !== undefined, changes.vatRatePercent ?? null],
    )) as unknown[][];
    return rows[0].length > 0;
  }

  async updateRating(productId: string, change: (current: RatingSummary) => RatingSummary): Promise<void> {
    // NO KEY UPDATE, not UPDATE: the review just inserted holds a KEY SHARE lock on this row (its
    // foreign key), which FOR UPDATE would wait on, deadlocking parallel reviews of one product.
    const [row] = (await this.tx.manager.query(`SELECT rating_count, rating_sum FROM products WHERE id = $1 FOR NO KEY UPDATE`, [productId])) as {
      rating_count: number;
      rating_sum: number;
    }[];
    if (!row) return;
    const next = change({ count: row.rating_count, sum: row.rating_sum });
    await this.tx.manager.query(`UPDATE products SET rating_count = $2, rating_sum = $3, rating_avg = $4 WHERE id = $1`, [
      productId,
      next.count,
      next.sum,
      averageOf(next),
    ]);
  }
}
