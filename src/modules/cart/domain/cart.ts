import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/domain-error';

export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;
export const CART_STATUSES = ['active', 'merged', 'converted', 'expired'] as const;
export type CartStatus = (typeof CART_STATUSES)[number];
export type ItemKind = 'product' | 'service';

export interface CartLine {
  id: string;
  kind: ItemKind;
  itemId: string;
  quantity: number;
  /** The unit price when the line was added, to warn the shopper when it has changed. */
  unitPriceAtAdd: number;
  /**
   * When the line was added, as `Date.prototype.toISOString` writes it: it is only stored and
   * shown, so it stays text (no Date parsed and formatted again for each line of each view).
   */
  addedAt: string;
}

export interface CartProps {
  id: string;
  userId: string | null;
  tokenHash: string | null;
  status: CartStatus;
  discountCode: string | null;
  lines: CartLine[];
  createdAt: Date;
  updatedAt: Date;
}

/** What the catalog says about an item right now: price, and stock when it has stock. */
export interface ItemFacts {
  unitPrice: number;
  available: number | null;
}

export class Cart {
  private constructor(private props: CartProps) {}

  static forUser(userId: string): Cart {
    return Cart.fresh({ userId, tokenHash: null });
  }

  static anonymous(tokenHash: string): Cart {
    return Cart.fresh({ userId: null, tokenHash });
  }

  private static fresh(owner: { userId: string | null; tokenHash: string | null }): Cart {
    const now = new Date();
    return new Cart({ id: randomUUID(), ...owner, status: 'active', discountCode: null, lines: [], createdAt: now, updatedAt: now });
  }

  static restore(props: CartProps): Cart {
    return new Cart({ ...props, lines: props.lines.map((l) => ({ ...l })) });
  }

  get id(): string {
    return this.props.id;
  }
  get lines(): readonly CartLine[] {
    return this.props.lines;
  }
  get status(): CartStatus {
    return this.props.status;
  }
  get discountCode(): string | null {
    return this.props.discountCode;
  }

  snapshot(): Readonly<CartProps> {
    return { ...this.props, lines: this.props.lines.map((l) => ({ ...l })) };
  }

  /** Adding an item already in the cart raises its line's quantity; it never makes a second line. */
  addItem(kind: ItemKind, itemId: string, quantity: number, facts: ItemFacts): CartLine {
    Cart.checkQuantity(quantity);
    const existing = this.props.lines.find((l) => l.kind === kind && l.itemId === itemId);
    const total = (existing?.quantity ?? 0) + quantity;
    if (total > MAX_LINE_QUANTITY) {
      throw new ConflictError('cart.quantity_limit', `A cart line holds at most ${MAX_LINE_QUANTITY}; this one would hold ${total}`, {
        maxQuantity: MAX_LINE_QUANTITY,
        inCart: existing?.quantity ?? 0,
      });
    }
    Cart.checkStock(itemId, total, facts);
    if (existing) {
      existing.quantity = total;
      this.touch();
      return existing;
    }
    if (this.props.lines.length >= MAX_CART_LINES) {
      throw new ConflictError('cart.too_many_lines', `A cart holds at most ${MAX_CART_LINES} different items`);
    }
    const line: CartLine = { id: randomUUID(), kind, itemId, quantity, unitPriceAtAdd: facts.unitPrice, addedAt: new Date().toISOString() };
    this.props.lines.push(line);
    this.touch();
    return line;
  }

  changeQuantity(lineId: string, quantity: number, facts: ItemFacts): void {
    Cart.checkQuantity(quantity);
    const line = this.line(lineId);
    Cart.checkStock(line.itemId, quantity, facts);
    line.quantity = quantity;
    this.touch();
  }

  removeLine(lineId: string): void {
    this.line(lineId);
    this.props.lines = this.props.lines.filter((l) => l.id !== lineId);
    this.touch();
  }

  line(lineId: string): CartLine {
    const line = this.props.lines.find((l) => l.id === lineId);
    if (!line) throw new NotFoundError('Cart item', lineId);
    return line;
  }

  applyDiscount(code: string): void {
    this.props.discountCode = code;
    this.touch();
  }

  removeDiscount(): void {
    this.props.discountCode = null;
    this.touch();
  }

  /**
   * Moves an anonymous cart's lines into this one: quantities summed, capped at what is
   * available and at the line limit; the anonymous cart is closed.
   */
  absorb(other: Cart, factsOf: (line: CartLine) => ItemFacts | null): void {
    for (const line of other.props.lines) {
      const facts = factsOf(line);
      if (!facts) continue;
      const existing = this.props.lines.find((l) => l.kind === line.kind && l.itemId === line.itemId);
      const cap = Math.min(MAX_LINE_QUANTITY, facts.available ?? MAX_LINE_QUANTITY);
      // Capped at what is available, but never below what the user's own line already held.
      const quantity = Math.max(existing?.quantity ?? 0, Math.min((existing?.quantity ?? 0) + line.quantity, cap));
      if (quantity <= 0) continue;
      if (existing) existing.quantity = quantity;
      else if (this.props.lines.length < MAX_CART_LINES) this.props.lines.push({ ...line, id: randomUUID(), quantity });
    }
    if (!this.props.discountCode && other.props.discountCode) this.props.discountCode = other.props.discountCode;
    other.close('merged');
    this.touch();
  }

  /** Lines bought by an order leave the cart. */
  consume(lineIds: string[]): void {
    this.props.lines = this.props.lines.filter((l) => !lineIds.includes(l.id));
    if (this.props.lines.length === 0) this.props.discountCode = null;
    this.touch();
  }

  close(status: Exclude<CartStatus, 'active'>): void {
    this.props.status = status;
    this.touch();
  }

  private static checkQuantity(quantity: number): void {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
      throw new ValidationError('quantity', `must be a whole number from 1 to ${MAX_LINE_QUANTITY}`);
    }
  }

  private static checkStock(itemId: string, quantity: number, facts: ItemFacts): void {
    if (facts.available !== null && quantity > facts.available) {
      throw new ConflictError('cart.insufficient_stock', `Only ${Math.max(facts.available, 0)} available; ${quantity} requested in total`, {
        itemId,
        requested: quantity,
        available: Math.max(facts.available, 0),
      });
    }
  }

  private touch(): void {
    this.props.updatedAt = new Date();
  }
}
