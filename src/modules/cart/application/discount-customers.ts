import { Injectable } from '@nestjs/common';
import { personKey } from '../../../shared/domain/email';
import { UserDirectory } from '../../identity/application/user-directory';

/**
 * Who a discount's per-customer limit counts: the person behind an email, whether they check out
 * signed in or as a guest, with any case, width or `+tag` of their address. Callers name the
 * customer as a user id or as `email:<address>` (a guest).
 */
@Injectable()
export class DiscountCustomers {
  constructor(private readonly users: UserDirectory) {}

  async keyOf(customer: string): Promise<string> {
    if (customer.startsWith('email:')) return personKey(customer.slice('email:'.length));
    const user = await this.users.find(customer);
    return user ? personKey(user.email) : `user:${customer}`;
  }
}
