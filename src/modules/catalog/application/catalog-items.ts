export type ItemKind = 'product' | 'service';

export interface ItemRef {
  kind: ItemKind;
  id: string;
}

/** What cart and checkout need to know about something sellable, as of now. */
export interface PurchasableItem {
  kind: ItemKind;
  id: string;
  name: string;
  unitPrice: number;
  isActive: boolean;
  /** Units available to reserve; null for repair services, which have no stock. */
  available: number | null;
  durationMinutes: number | null;
  serviceType: string | null;
  /** The VAT rate of the product's category when it has its own (null: the standard rate). */
  vatRatePercent: number | null;
  /** The seller who owns the product now; null for the house's products and for repair services. */
  sellerId: string | null;
}

export const itemKey = (ref: ItemRef): string => `${ref.kind}:${ref.id}`;

/** The VAT rate an item sells at now: its category's own rate, else the standard rate. */
export const vatRateOf = (item: Pick<PurchasableItem, 'vatRatePercent'>, standardRate: number): number => item.vatRatePercent ?? standardRate;

/** Exported to the cart and order contexts: current names, prices and availability, in one query. */
export abstract class CatalogItems {
  abstract find(refs: ItemRef[]): Promise<Map<string, PurchasableItem>>;
  /** The service-type slugs technicians can be skilled in. */
  abstract serviceTypes(): Promise<string[]>;
}
