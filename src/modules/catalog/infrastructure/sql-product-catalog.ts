import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { CategoryView, ProductCatalog, ProductPage, ProductSearchCriteria, ProductView } from '../application/catalog.views';
import { productByIdQuery, ProductRow, runProductSearch } from './product-search.query';

@Injectable()
export class SqlProductCatalog extends ProductCatalog {
  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async search(criteria: ProductSearchCriteria): Promise<ProductPage> {
    const m = this.tx.manager;
    const { rows, total, totalIsExact } = await runProductSearch((q) => m.query(q.text, q.values) as Promise<unknown[]>, criteria);
    const views = rows.map((r) => this.toView(r));
    return { ...pageOf(views, total, criteria), totalIsExact };
  }

  async findView(id: string): Promise<ProductView | null> {
    const { text, values } = productByIdQuery(id);
    const [row] = (await this.tx.manager.query(text, values)) as ProductRow[];
    return row ? this.toView(row) : null;
  }

  async categories(): Promise<CategoryView[]> {
    const rows = (await this.tx.manager.query(`
      SELECT c.slug, c.name, COALESCE(pc.products, 0) AS product_count, c.vat_rate_percent
        FROM categories c LEFT JOIN product_counts pc ON pc.category_id = c.id AND pc.is_active
       ORDER BY c.name`)) as { slug: string; name: string; product_count: number; vat_rate_percent: number | null }[];
    return rows.map((r) => ({ slug: r.slug, name: r.name, productCount: r.product_count, vatRatePercent: r.vat_rate_percent }));
  }

  private toView(r: ProductRow): ProductView {
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      price: r.price,
      currency: this.config.currency,
      category: { slug: r.category_slug, name: r.category_name },
      imageUrl: r.image_url,
      isActive: r.is_active,
      availability: { available: r.available, inStock: r.available > 0 },
      rating: { average: Number(r.rating_avg), count: r.rating_count },
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }
}
