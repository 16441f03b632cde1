/** Who an unpaid order is held for: `customer:<id>`, `email:<person>`, `address:<ip>`. */
export type HoldParty = `${'customer' | 'email' | 'address'}:${string}`;

/** Which parties hold which unpaid orders (an order holds stock or a visit slot while unpaid). */
export abstract class UnpaidOrderHolds {
  /** Serializes checkouts of the same parties until the transaction ends. */
  abstract lock(parties: HoldParty[]): Promise<void>;
  /** Unpaid (pending) orders held by each party, by party. */
  abstract countUnpaid(parties: HoldParty[]): Promise<Map<HoldParty, number>>;
  abstract record(orderId: string, parties: HoldParty[]): Promise<void>;
}
