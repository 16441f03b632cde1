import { HoldParty } from './unpaid-order-holds.port';
import { checkCaps, partiesOf } from './unpaid-order-cap';

const limits = { perCustomer: 2, perEmail: 1, perAddress: 3 };
const held = (entries: [string, number][]) => new Map(entries as [HoldParty, number][]);

describe('unpaid-order caps', () => {
  it('counts a signed-in customer by account and address, not by email', () => {
    expect(partiesOf({ userId: 'u1', email: 'ann@example.com', clientAddress: '203.0.113.7' }, limits)).toEqual([
      { scope: 'customer', party: 'customer:u1', limit: 2 },
      { scope: 'address', party: 'address:203.0.113.7', limit: 3 },
    ]);
  });

  it('counts a guest by the person behind the email, whatever its case, width or +tag', () => {
    const parties = partiesOf({ userId: null, email: 'Ann+shop@Ｅxample.com', clientAddress: null }, limits);
    expect(parties).toEqual([{ scope: 'email', party: 'email:ann@example.com', limit: 1 }]);
  });

  it('refuses once a party holds its limit, naming the scope and the limit', () => {
    const parties = partiesOf({ userId: 'u1', email: null, clientAddress: '198.51.100.1' }, limits);
    expect(() => checkCaps(parties, held([['customer:u1', 1], ['address:198.51.100.1', 2]]))).not.toThrow();
    expect(() => checkCaps(parties, held([['customer:u1', 2]]))).toThrow(
      expect.objectContaining({ code: 'checkout.unpaid_order_limit', details: { scope: 'customer', limit: 2 } }),
    );
    expect(() => checkCaps(parties, held([['address:198.51.100.1', 3]]))).toThrow(expect.objectContaining({ details: { scope: 'address', limit: 3 } }));
  });
});
