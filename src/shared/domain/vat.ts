import type { DiscountScope } from './pricing';

/**
 * VAT on VAT-inclusive prices (UK B2C), integer pence only.
 *
 * - The VAT inside a gross amount at `rate`% is gross * rate / (100 + rate), rounded half up
 *   (per line, never on a sum): 1,000p at 20% holds 166.67p -> 167p.
 * - A discount is spread over the lines it applies to in proportion to their totals, by the
 *   largest-remainder method, so the parts add up to the discount exactly; each line's VAT is
 *   then taken from what is left of it. A discount never reaches shipping.
 * - Shipping is taxed at the standard rate.
 */

/** The VAT included in `gross` pence at `ratePercent` (a whole percent), rounded half up. */
export function vatIncluded(gross: number, ratePercent: number): number {
  if (gross <= 0 || ratePercent <= 0) return 0;
  const numerator = gross * ratePercent;
  const denominator = 100 + ratePercent;
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * Splits `amount` pence over `weights` in proportion (largest remainder: each part is rounded
 * down, and the pennies left go to the largest remainders, earlier parts first on a tie). The
 * parts always sum to `amount` exactly; a zero weight gets nothing.
 */
export function allocateProRata(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (amount <= 0 || total <= 0) return weights.map(() => 0);
  // BigInt: amount x weight can pass 2^53 for large orders; the result always fits a number.
  const big = { amount: BigInt(amount), total: BigInt(total) };
  const parts = weights.map((w) => Number((big.amount * BigInt(w)) / big.total));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const byRemainder = weights
    .map((w, index) => ({ index, remainder: (big.amount * BigInt(w)) % big.total }))
    .filter((r) => weights[r.index] > 0)
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}

export interface TaxableLine {
  kind: 'product' | 'service';
  lineTotal: number;
  vatRate: number;
}

export interface TaxedLine {
  /** This line's share of the discount. */
  discount: number;
  vatRate: number;
  vatAmount: number;
}

export interface VatRateTotal {
  rate: number;
  /** What was paid at this rate, discount taken off, VAT included. */
  gross: number;
  vat: number;
  net: number;
}

export interface VatBreakdown {
  lines: TaxedLine[];
  shippingVat: number;
  vatTotal: number;
  /** The total without VAT. */
  netTotal: number;
  /** One entry per rate in use, highest rate first (an invoice's VAT summary). */
  byRate: VatRateTotal[];
}

export interface VatInput {
  lines: TaxableLine[];
  discount: number;
  /** Which lines the discount applies to (null: none). */
  appliesTo: DiscountScope | null;
  shipping: number;
  shippingVatRate: number;
}

export function vatBreakdown(input: VatInput): VatBreakdown {
  const eligible = input.lines.map((l) => (input.appliesTo === 'all' || input.appliesTo === `${l.kind}s` ? l.lineTotal : 0));
  const shares = allocateProRata(input.discount, eligible);
  const lines = input.lines.map((l, i) => ({ discount: shares[i], vatRate: l.vatRate, vatAmount: vatIncluded(l.lineTotal - shares[i], l.vatRate) }));
  const shippingVat = vatIncluded(input.shipping, input.shippingVatRate);
  const rates = new Map<number, VatRateTotal>();
  const add = (rate: number, gross: number, vat: number) => {
    const entry = rates.get(rate) ?? { rate, gross: 0, vat: 0, net: 0 };
    entry.gross += gross;
    entry.vat += vat;
    entry.net = entry.gross - entry.vat;
    rates.set(rate, entry);
  };
  input.lines.forEach((l, i) => add(l.vatRate, l.lineTotal - shares[i], lines[i].vatAmount));
  if (input.shipping > 0) add(input.shippingVatRate, input.shipping, shippingVat);
  const vatTotal = lines.reduce((sum, l) => sum + l.vatAmount, shippingVat);
  const gross = input.lines.reduce((sum, l) => sum + l.lineTotal, 0) - input.discount + input.shipping;
  return { lines, shippingVat, vatTotal, netTotal: gross - vatTotal, byRate: [...rates.values()].sort((a, b) => b.rate - a.rate) };
}
