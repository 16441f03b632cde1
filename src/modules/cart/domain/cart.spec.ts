import { Cart } from './cart';

const stock = (available: number | null) => ({ unitPrice: 500, available });

describe('Cart', () => {
  it('raises the quantity of an existing line instead of adding a second one', () => {
    const cart = Cart.forUser('u1');
    cart.addItem('product', 'p1', 2, stock(10));
    cart.addItem('product', 'p1', 3, stock(10));
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0].quantity).toBe(5);
  });

  it('refuses more than available, naming how many are available', () => {
    const cart = Cart.forUser('u1');
    cart.addItem('product', 'p1', 2, stock(3));
    expect(() => cart.addItem('product', 'p1', 2, stock(3))).toThrow(expect.objectContaining({ code: 'cart.insufficient_stock', details: expect.objectContaining({ available: 3 }) }));
  });

  it('has no stock limit for services and caps lines at 99', () => {
    const cart = Cart.forUser('u1');
    cart.addItem('service', 's1', 99, stock(null));
    expect(() => cart.addItem('service', 's1', 1, stock(null))).toThrow(expect.objectContaining({ code: 'cart.quantity_limit' }));
  });

  it('merges an anonymous cart: sums quantities, caps at availability, closes the other cart', () => {
    const mine = Cart.forUser('u1');
    mine.addItem('product', 'p1', 3, stock(10));
    const anon = Cart.anonymous('hash');
    anon.addItem('product', 'p1', 5, stock(10));
    anon.addItem('product', 'p2', 4, stock(10));
    anon.addItem('service', 's1', 1, stock(null));
    anon.applyDiscount('SAVE10');
    mine.absorb(anon, (l) => (l.itemId === 'p1' ? stock(6) : l.itemId === 'p2' ? stock(10) : stock(null)));
    expect(mine.lines.map((l) => [l.itemId, l.quantity])).toEqual([
      ['p1', 6],
      ['p2', 4],
      ['s1', 1],
    ]);
    expect(mine.discountCode).toBe('SAVE10');
    expect(anon.snapshot().status).toBe('merged');
  });

  it('never lowers a line the user already had when stock has since fallen', () => {
    const mine = Cart.forUser('u1');
    mine.addItem('product', 'p1', 5, stock(10));
    const anon = Cart.anonymous('hash');
    anon.addItem('product', 'p1', 2, stock(10));
    mine.absorb(anon, () => stock(2));
    expect(mine.lines[0].quantity).toBe(5);
  });

  it('consumes checked-out lines and drops the code when the cart empties', () => {
    const cart = Cart.forUser('u1');
    const a = cart.addItem('product', 'p1', 1, stock(5));
    const b = cart.addItem('product', 'p2', 1, stock(5));
    cart.applyDiscount('X');
    cart.consume([a.id]);
    expect(cart.lines.map((l) => l.id)).toEqual([b.id]);
    expect(cart.discountCode).toBe('X');
    cart.consume([b.id]);
    expect(cart.discountCode).toBeNull();
  });
});
