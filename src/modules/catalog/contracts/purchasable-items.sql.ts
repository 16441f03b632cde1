import { itemKey, PurchasableItem } from '../application/catalog-items';

/**
 * The catalog's current facts (CatalogItems.find) of the products and services named by two SQL
 * expressions of type uuid[], as a SQL expression whose value is one JSON array of
 * PurchasableItem: for a context that prices its own rows and reads them in the same statement
 * (one round trip, one snapshot). The catalog's tables stay the catalog's: only this text knows
 * them, and SqlCatalogItems reads through it too.
 */
export const purchasableItemsJson = (productIds: string, serviceIds: string): string => `(SELECT COALESCE(json_agg(f), '[]') FROM (
    SELECT 'product' AS "kind", p.id AS "id", p.name AS "name", p.price AS "unitPrice", p.is_active AS "isActive",
           COALESCE(i.on_hand - i.reserved, 0) AS "available", NULL::int AS "durationMinutes", NULL::text AS "serviceType",
           c.vat_rate_percent AS "vatRatePercent", p.owner_id AS "sellerId"
      FROM products p JOIN categories c ON c.id = p.category_id LEFT JOIN inventory i ON i.product_id = p.id
     WHERE p.id = ANY(${productIds})
    UNION ALL
    SELECT 'service', s.id, s.name, s.base_price, s.is_active, NULL, s.duration_minutes, s.service_type, NULL, NULL
      FROM services s WHERE s.id = ANY(${serviceIds})
  ) f)`;

/** The value of `purchasableItemsJson`, keyed as CatalogItems.find keys it (itemKey). */
export function purchasableItemsOf(items: readonly PurchasableItem[]): Map<string, PurchasableItem> {
  return new Map(items.map((item) => [itemKey(item), item]));
}
