export type DiscountType = 'percentage' | 'fixed';
export type DiscountScope = 'all' | 'products' | 'services';

export interface PricedLineInput {
  kind: 'product' | 'service';
  unitPrice: number;
  quantity: number;
}

export interface DiscountRule {
  type: DiscountType;
  value: number;
  appliesTo: DiscountScope;
}

export interface PriceBreakdown {
  lineTotals: number[];
  subtotal: number;
  /** The part of the subtotal the discount applies to (its scope). */
  eligible: number;
  discount: number;
  total: number;
}

/**
 * Percentage discounts are rounded to the nearest penny, halves rounded up
 * (10% of 1,005p = 100.5p -> 101p). A fixed discount is capped at what it applies to, so a
 * total never goes below zero. Integer arithmetic only.
 */
export function discountAmount(rule: DiscountRule, eligible: number): number {
  if (eligible <= 0) return 0;
  if (rule.type === 'fixed') return Math.min(rule.value, eligible);
  const percent = Math.min(Math.max(rule.value, 0), 100);
  return Math.min(Math.floor((eligible * percent + 50) / 100), eligible);
}

export function priceLines(lines: PricedLineInput[], rule: DiscountRule | null): PriceBreakdown {
  const lineTotals = lines.map((l) => l.unitPrice * l.quantity);
  const subtotal = lineTotals.reduce((a, b) => a + b, 0);
  const eligible = rule
    ? lines.reduce((sum, l, i) => (rule.appliesTo === 'all' || rule.appliesTo === `${l.kind}s` ? sum + lineTotals[i] : sum), 0)
    : 0;
  const discount = rule ? discountAmount(rule, eligible) : 0;
  return { lineTotals, subtotal, eligible, discount, total: subtotal - discount };
}
