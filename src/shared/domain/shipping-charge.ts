/** What a shipping method costs: its price, or nothing once the goods reach its free-over threshold. */
export interface ShippingRate {
  price: number;
  /** Free when the subtotal (before any discount) is at least this; null: never free. */
  freeOverSubtotal: number | null;
}

export function shippingCharge(rate: ShippingRate, subtotal: number): number {
  return rate.freeOverSubtotal !== null && subtotal >= rate.freeOverSubtotal ? 0 : rate.price;
}
