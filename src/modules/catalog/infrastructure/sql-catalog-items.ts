import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { CatalogItems, ItemRef, itemKey, PurchasableItem } from '../application/catalog-items';

@Injectable()
export class SqlCatalogItems extends CatalogItems {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async serviceTypes(): Promise<string[]> {
    const rows = (await this.tx.manager.query(`SELECT slug FROM service_types ORDER BY slug`)) as { slug: string }[];
    return rows.map((r) => r.slug);
  }

  async find(refs: ItemRef[]): Promise<Map<string, PurchasableItem>> {
    const productIds = refs.filter((r) => r.kind === 'product').map((r) => r.id);
    const serviceIds = refs.filter((r) => r.kind === 'service').map((r) => r.id);
    const result = new Map<string, PurchasableItem>();
    if (productIds.length) {
      const rows = (await this.tx.manager.query(
        `SELECT p.id, p.name, p.price, p.is_active, p.owner_id, COALESCE(i.on_hand - i.reserved, 0) AS available, c.vat_rate_percent
           FROM products p JOIN categories c ON c.id = p.category_id LEFT JOIN inventory i ON i.product_id = p.id
          WHERE p.id = ANY($1::uuid[])`,
        [productIds],
      )) as { id: string; name: string; price: number; is_active: boolean; owner_id: string | null; available: number; vat_rate_percent: number | null }[];
      for (const r of rows) {
        const item: PurchasableItem = {
          kind: 'product',
          id: r.id,
          name: r.name,
          unitPrice: r.price,
          isActive: r.is_active,
          available: r.available,
          durationMinutes: null,
          serviceType: null,
          vatRatePercent: r.vat_rate_percent,
          sellerId: r.owner_id,
        };
        result.set(itemKey(item), item);
      }
    }
    if (serviceIds.length) {
      const rows = (await this.tx.manager.query(
        `SELECT id, name, base_price, is_active, duration_minutes, service_type FROM services WHERE id = ANY($1::uuid[])`,
        [serviceIds],
      )) as { id: string; name: string; base_price: number; is_active: boolean; duration_minutes: number; service_type: string }[];
      for (const r of rows) {
        const item: PurchasableItem = {
          kind: 'service',
          id: r.id,
          name: r.name,
          unitPrice: r.base_price,
          isActive: r.is_active,
          available: null,
          durationMinutes: r.duration_minutes,
          serviceType: r.service_type,
          vatRatePercent: null,
          sellerId: null,
        };
        result.set(itemKey(item), item);
      }
    }
    return result;
  }
}
