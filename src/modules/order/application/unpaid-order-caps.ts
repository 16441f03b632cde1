import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { ConflictError } from '../../../shared/domain/domain-error';
import { personKey } from '../../../shared/domain/email';
import { HoldParty, UnpaidOrderHolds } from '../domain/unpaid-order-holds.port';

export interface HoldRequest {
  userId: string | null;
  /** The guest's email (ignored for signed-in customers, who are counted by account). */
  email: string | null;
  clientAddress: string | null;
}

type Scope = 'customer' | 'email' | 'address';

/**
 * An unpaid order holds stock or a technician's slot until it is paid or expires, so holding is
 * capped per customer, per guest email (the person: case, width and +tag do not matter) and per
 * client address. Runs inside the checkout transaction, after the order row exists.
 */
@Injectable()
export class UnpaidOrderCaps {
  constructor(
    private readonly holds: UnpaidOrderHolds,
    private readonly config: AppConfig,
  ) {}

  async admit(orderId: string, request: HoldRequest): Promise<void> {
    const limits = this.config.order.maxUnpaid;
    const parties: [Scope, HoldParty, number][] = [];
    if (request.userId) parties.push(['customer', `customer:${request.userId}`, limits.perCustomer]);
    else if (request.email) parties.push(['email', personKey(request.email) as HoldParty, limits.perEmail]);
    if (request.clientAddress) parties.push(['address', `address:${request.clientAddress}`, limits.perAddress]);
    if (!parties.length) return;
    const keys = parties.map(([, party]) => party);
    await this.holds.lock(keys);
    const held = await this.holds.countUnpaid(keys);
    for (const [scope, party, limit] of parties) {
      if ((held.get(party) ?? 0) >= limit) {
        throw new ConflictError(
          'checkout.unpaid_order_limit',
          `${WHO[scope]} already ${limit === 1 ? 'has 1 unpaid order' : `has ${limit} unpaid orders`}; pay or cancel one before placing another`,
          { limit, scope },
        );
      }
    }
    await this.holds.record(orderId, keys);
  }
}

const WHO: Record<Scope, string> = { customer: 'This account', email: 'This email address', address: 'This network address' };
