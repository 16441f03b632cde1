import { itemKey, PurchasableItem } from '../application/catalog-items';

/**
 * The catalog's current facts (CatalogItems.find) of the products and services named by two SQL
 * expressions of type uuid[], as a SQL expression whose value is one JSON array of
 * PurchasableItem: for a context that prices its own rows and reads them in the same statement
 * (one round trip, one snapshot). The catalog's tables stay the catalog's: only this text knows
 * them, and SqlCatalogItems reads through it too. Its aliases start with pi_ so that they do not
 * capture the caller's names in the two expressions.
 */
export const purchasableItemsJson = (productIds: string, serviceIds: string): string => `(SELECT COALESCE(json_agg(pi_f), '[]') FROM (
    SELECT 'product' AS "kind", pi_p.id AS "id", pi_p.name AS "name", pi_p.price AS "unitPrice", pi_p.is_active AS "isActive",
           COALESCE(pi_i.on_hand - pi_i.reserved, 0) AS "available", NULL::int AS "durationMinutes", NULL::text AS "serviceType",
           pi_c.vat_rate_percent AS "vatRatePercent", pi_p.owner_id AS "sellerId"
      FROM products pi_p JOIN categories pi_c ON pi_c.id = pi_p.category_id LEFT JOIN inventory pi_i ON pi_i.product_id = pi_p.id
     WHERE pi_p.id = ANY(${productIds})
    UNION ALL
    SELECT 'service', pi_s.id, pi_s.name, pi_s.base_price, pi_s.is_active, NULL, pi_s.duration_minutes, pi_s.service_type, NULL, NULL
      FROM services pi_s WHERE pi_s.id = ANY(${serviceIds})
  ) pi_f)`;

/** The value of `purchasableItemsJson`, keyed as CatalogItems.find keys it (itemKey). */
export function purchasableItemsOf(items: readonly PurchasableItem[]): Map<string, PurchasableItem> {
  return new Map(items.map((item) => [itemKey(item), item]));
}
