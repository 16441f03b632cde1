import fc from 'fast-check';
import { allocateProRata, vatBreakdown, vatIncluded } from './vat';

const rate = fc.constantFrom(0, 5, 20, 17, 100);
const line = fc.record({
  kind: fc.constantFrom<'product' | 'service'>('product', 'service'),
  lineTotal: fc.integer({ min: 0, max: 10_000_000 }),
  vatRate: rate,
});
const scope = fc.constantFrom<'all' | 'products' | 'services'>('all', 'products', 'services');

/** Lines with a discount no larger than what it applies to (as pricing guarantees). */
const order = fc
  .record({ lines: fc.array(line, { minLength: 1, maxLength: 12 }), appliesTo: scope, fraction: fc.double({ min: 0, max: 1, noNaN: true }), shipping: fc.integer({ min: 0, max: 5000 }) })
  .map(({ lines, appliesTo, fraction, shipping }) => {
    const eligible = lines.filter((l) => appliesTo === 'all' || `${l.kind}s` === appliesTo).reduce((s, l) => s + l.lineTotal, 0);
    return { lines, appliesTo, discount: Math.floor(eligible * fraction), shipping, shippingVatRate: 20 };
  });

describe('VAT on VAT-inclusive prices', () => {
  it('takes the VAT out of a gross amount, halves rounded up', () => {
    expect(vatIncluded(1000, 20)).toBe(167); // 166.67
    expect(vatIncluded(600, 20)).toBe(100); // exactly 100
    expect(vatIncluded(3, 20)).toBe(1); // 0.5 -> 1
    expect(vatIncluded(2, 20)).toBe(0); // 0.33 -> 0
    expect(vatIncluded(1050, 5)).toBe(50);
    expect(vatIncluded(21, 5)).toBe(1); // 1.0
    expect(vatIncluded(1000, 0)).toBe(0);
  });

  it('spreads a discount by largest remainder', () => {
    expect(allocateProRata(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProRata(10, [0, 3, 7])).toEqual([0, 3, 7]);
    expect(allocateProRata(5, [2, 2])).toEqual([3, 2]);
    expect(allocateProRata(0, [5, 5])).toEqual([0, 0]);
  });

  it('discount parts sum to the discount exactly, never exceed their line, never go negative', () => {
    fc.assert(
      fc.property(order, (o) => {
        const { lines } = vatBreakdown(o);
        expect(lines.reduce((s, l) => s + l.discount, 0)).toBe(o.discount);
        lines.forEach((l, i) => {
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.discount).toBeLessThanOrEqual(o.lines[i].lineTotal);
          if (!(o.appliesTo === 'all' || `${o.lines[i].kind}s` === o.appliesTo)) expect(l.discount).toBe(0);
        });
      }),
    );
  });

  it("VAT of the parts sums to the VAT of each rate's total within a penny per line, and is never negative", () => {
    fc.assert(
      fc.property(order, (o) => {
        const breakdown = vatBreakdown(o);
        for (const l of breakdown.lines) expect(l.vatAmount).toBeGreaterThanOrEqual(0);
        for (const r of breakdown.byRate) {
          const count = o.lines.filter((l) => l.vatRate === r.rate).length + (o.shipping > 0 && r.rate === o.shippingVatRate ? 1 : 0);
          expect(Math.abs(r.vat - vatIncluded(r.gross, r.rate))).toBeLessThanOrEqual(count);
          expect(r.net).toBeGreaterThanOrEqual(0);
        }
        expect(breakdown.byRate.reduce((s, r) => s + r.vat, 0)).toBe(breakdown.vatTotal);
        const total = o.lines.reduce((s, l) => s + l.lineTotal, 0) - o.discount + o.shipping;
        expect(breakdown.netTotal + breakdown.vatTotal).toBe(total);
        expect(breakdown.netTotal).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never lets the discount reach shipping', () => {
    const b = vatBreakdown({ lines: [{ kind: 'product', lineTotal: 1000, vatRate: 20 }], discount: 1000, appliesTo: 'all', shipping: 499, shippingVatRate: 20 });
    expect(b.lines[0]).toEqual({ discount: 1000, vatRate: 20, vatAmount: 0 });
    expect(b.shippingVat).toBe(83); // 83.17
    expect(b.vatTotal).toBe(83);
    expect(b.netTotal).toBe(416);
  });
});
