import { Injectable } from '@nestjs/common';
import { ValidationError } from '../../../shared/domain/domain-error';
import { ShippingOption, ShippingOptions } from '../contracts/shipping-options';
import { ShippingMethod } from '../domain/shipping-method';
import { ShippingMethodRepository } from '../domain/shipping-method.repository.port';

export const toOption = (method: ShippingMethod): ShippingOption => {
  const s = method.snapshot();
  return { code: s.code, name: s.name, price: s.price, freeOverSubtotal: s.freeOverSubtotal, estimatedDays: s.estimatedDays };
};

@Injectable()
export class ActiveShippingOptions extends ShippingOptions {
  constructor(private readonly methods: ShippingMethodRepository) {
    super();
  }

  async active(): Promise<ShippingOption[]> {
    return (await this.methods.active()).map(toOption);
  }

  async chosen(code: string): Promise<ShippingOption> {
    const method = await this.methods.findByCode(code);
    if (!method?.isActive) throw new ValidationError('shippingMethod', `"${code}" is not an available shipping method`, 'shipping.unknown_method');
    return toOption(method);
  }
}
