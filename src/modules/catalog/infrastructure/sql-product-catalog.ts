import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import {
  CategoryView,
  ProductCatalog,
  ProductPage,
  ProductSearchCriteria,
  ProductView,
  SellerProductQuery,
  SellerProductView,
} from '../application/catalog.views';
import { FROM, pgQuery, PRODUCT_COLUMNS, productByIdQuery, ProductRow, runProductSearch } from './product-search.query';
import { SearchVocabularyCache } from './search-vocabulary.cache';

const STATUS_FILTER = { active: 'AND p.is_active', inactive: 'AND NOT p.is_active', all: '' } as const;

@Injectable()
export class SqlProductCatalog extends ProductCatalog {
  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
    private readonly vocabulary: SearchVocabularyCache,
  ) {
    super();
  }

  async search(criteria: ProductSearchCriteria): Promise<ProductPage> {
    const { rows, total, totalIsExact } = await runProductSearch(
      (q) => this.tx.read(pgQuery(q)),
      criteria,
      (words, load) => this.vocabulary.lookup(words, load),
    );
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

  async ownedBy(ownerId: string, query: SellerProductQuery): Promise<Page<SellerProductView>> {
    const m = this.tx.manager;
    const where = `WHERE p.owner_id = $1 ${STATUS_FILTER[query.status]}`;
    const [rows, [{ total }]] = (await Promise.all([
      m.query(
        `SELECT ${PRODUCT_COLUMNS}, COALESCE(i.on_hand, 0) AS on_hand, COALESCE(i.reserved, 0) AS reserved
           ${FROM} ${where} ORDER BY p.created_at DESC, p.id LIMIT $2 OFFSET $3`,
        [ownerId, query.limit, offsetOf(query)],
      ),
      m.query(`SELECT count(*)::int AS total FROM products p ${where}`, [ownerId]),
    ])) as [(ProductRow & { on_hand: number; reserved: number })[], { total: number }[]];
    const items = rows.map((r) => ({ ...this.toView(r), stock: { onHand: r.on_hand, reserved: r.reserved, available: r.available } }));
    return pageOf(items, total, query);
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
      seller: r.owner_id ? { id: r.owner_id, name: r.seller_name ?? '' } : null,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
