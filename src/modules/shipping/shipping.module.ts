import { Module } from '@nestjs/common';
import { ManageShippingMethods } from './application/manage-shipping-methods';
import { ActiveShippingOptions } from './application/shipping-options.service';
import { ShippingOptions } from './contracts/shipping-options';
import { ShippingMethodRepository } from './domain/shipping-method.repository.port';
import { TypeOrmShippingMethodRepository } from './infrastructure/typeorm-shipping-method.repository';
import { AdminShippingMethodsController } from './presentation/admin-shipping-methods.controller';

/** Shipping methods: admin CRUD, and the options cart and checkout offer (ShippingOptions). Depends on nothing. */
@Module({
  controllers: [AdminShippingMethodsController],
  providers: [{ provide: ShippingMethodRepository, useClass: TypeOrmShippingMethodRepository }, { provide: ShippingOptions, useClass: ActiveShippingOptions }, ManageShippingMethods],
  exports: [ShippingOptions],
})
export class ShippingModule {}
