import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { checkCaps, HoldRequest, partiesOf } from '../domain/unpaid-order-cap';
import { UnpaidOrderHolds } from '../domain/unpaid-order-holds.port';

/**
 * An unpaid order holds stock or a technician's slot until it is paid or expires, so holding is
 * capped per customer, per guest email (the person: case, width and +tag do not matter) and per
 * client address. Runs inside the checkout transaction, after the order row exists; the party
 * locks make simultaneous checkouts of one party count one after the other.
 */
@Injectable()
export class UnpaidOrderCaps {
  constructor(
    private readonly holds: UnpaidOrderHolds,
    private readonly config: AppConfig,
  ) {}

  async admit(orderId: string, request: HoldRequest): Promise<void> {
    const parties = partiesOf(request, this.config.order.maxUnpaid);
    if (!parties.length) return;
    const keys = parties.map((p) => p.party);
    await this.holds.lock(keys);
    checkCaps(parties, await this.holds.countUnpaid(keys));
    await this.holds.record(orderId, keys);
  }
}
