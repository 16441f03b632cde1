import { ConflictError } from '../../../shared/domain/domain-error';
import { personKey } from '../../../shared/domain/email';
import { HoldParty } from './unpaid-order-holds.port';

export interface HoldRequest {
  userId: string | null;
  /** The guest's email (signed-in customers are counted by account). */
  email: string | null;
  clientAddress: string | null;
}

export interface UnpaidLimits {
  perCustomer: number;
  perEmail: number;
  perAddress: number;
}

export type HoldScope = 'customer' | 'email' | 'address';

export interface CappedParty {
  scope: HoldScope;
  party: HoldParty;
  limit: number;
}

/** Everyone an order is held for: the account or the guest person, and the client address. */
export function partiesOf(request: HoldRequest, limits: UnpaidLimits): CappedParty[] {
  const parties: CappedParty[] = [];
  if (request.userId) parties.push({ scope: 'customer', party: `customer:${request.userId}`, limit: limits.perCustomer });
  else if (request.email) parties.push({ scope: 'email', party: personKey(request.email) as HoldParty, limit: limits.perEmail });
  if (request.clientAddress) parties.push({ scope: 'address', party: `address:${request.clientAddress}`, limit: limits.perAddress });
  return parties;
}

const WHO: Record<HoldScope, string> = { customer: 'This account', email: 'This email address', address: 'This network address' };

export class UnpaidOrderLimitReached extends ConflictError {
  constructor({ scope, limit }: CappedParty) {
    super(
      'checkout.unpaid_order_limit',
      `${WHO[scope]} already has ${limit} unpaid order${limit === 1 ? '' : 's'}; pay or cancel one before placing another`,
      { limit, scope },
    );
  }
}

/** Refuses a new hold when any party already holds its limit of unpaid orders. */
export function checkCaps(parties: CappedParty[], held: Map<HoldParty, number>): void {
  const full = parties.find((p) => (held.get(p.party) ?? 0) >= p.limit);
  if (full) throw new UnpaidOrderLimitReached(full);
}
