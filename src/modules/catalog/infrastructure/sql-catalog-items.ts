import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { CatalogItems, ItemRef, PurchasableItem } from '../application/catalog-items';
import { purchasableItemsJson, purchasableItemsOf } from '../contracts/purchasable-items.sql';

const FIND = `SELECT ${purchasableItemsJson('$1::uuid[]', '$2::uuid[]')} AS items`;

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
    if (refs.length === 0) return new Map();
    const productIds = refs.filter((r) => r.kind === 'product').map((r) => r.id);
    const serviceIds = refs.filter((r) => r.kind === 'service').map((r) => r.id);
    const [{ items }] = (await this.tx.prepared({ name: 'catalog-items', text: FIND, values: [productIds, serviceIds] })) as { items: PurchasableItem[] }[];
    return purchasableItemsOf(items);
  }
}
