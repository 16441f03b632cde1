import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { ShippingMethod, ShippingMethodChanges, ShippingMethodProps } from '../domain/shipping-method';
import { ShippingMethodRepository } from '../domain/shipping-method.repository.port';

export interface ShippingMethodView {
  id: string;
  code: string;
  name: string;
  price: number;
  freeOverSubtotal: number | null;
  estimatedDays: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toShippingMethodView = (method: ShippingMethod): ShippingMethodView => {
  const s = method.snapshot();
  return { ...s, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
};

/** Admin CRUD of shipping methods; a deleted method is only deactivated (orders keep their snapshot). */
@Injectable()
export class ManageShippingMethods {
  constructor(
    private readonly methods: ShippingMethodRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(): Promise<ShippingMethodView[]> {
    return (await this.methods.all()).map(toShippingMethodView);
  }

  async get(id: string): Promise<ShippingMethodView> {
    return toShippingMethodView(await this.require(id));
  }

  create(input: Omit<ShippingMethodProps, 'id' | 'createdAt' | 'updatedAt'>): Promise<ShippingMethodView> {
    return this.unitOfWork.run(async () => {
      const method = ShippingMethod.create(input);
      if (!(await this.methods.insert(method))) {
        throw new ConflictError('shipping_method.code_taken', `A shipping method with code "${input.code}" already exists`);
      }
      return toShippingMethodView(method);
    });
  }

  update(id: string, changes: ShippingMethodChanges): Promise<ShippingMethodView> {
    return this.unitOfWork.run(async () => {
      const method = await this.require(id);
      method.change(changes);
      await this.methods.update(method);
      return toShippingMethodView(method);
    });
  }

  async deactivate(id: string): Promise<void> {
    await this.update(id, { isActive: false });
  }

  private async require(id: string): Promise<ShippingMethod> {
    const method = await this.methods.findById(id);
    if (!method) throw new NotFoundError('Shipping method', id);
    return method;
  }
}
