import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { ShippingModule } from '../shipping/shipping.module';
import { AddCartItem } from './application/add-cart-item';
import { AdministerCarts } from './application/administer-carts';
import { ApplyDiscount } from './application/apply-discount';
import { CartAccess } from './application/cart-access';
import { CartCheckout } from './application/cart-checkout';
import { CartPricing } from './application/cart-pricing';
import { CartWithItemsReader } from './application/cart-with-items';
import { DiscountCustomers } from './application/discount-customers';
import { ChangeCartItem } from './application/change-cart-item';
import { ExpireAnonymousCarts } from './application/expire-anonymous-carts';
import { GetCart } from './application/get-cart';
import { MergeCartOnSignIn } from './application/merge-cart-on-sign-in';
import { CartRepository, DiscountRepository } from './domain/cart.ports';
import { TypeOrmCartRepository } from './infrastructure/typeorm-cart.repository';
import { TypeOrmDiscountRepository } from './infrastructure/typeorm-discount.repository';
import { AdminCartController } from './presentation/admin-cart.controller';
import { CartController } from './presentation/cart.controller';
import { ShippingQuotesController } from './presentation/shipping-quotes.controller';
import { ShippingQuotes } from './application/shipping-quotes';

@Module({
  imports: [CatalogModule, IdentityModule, ShippingModule],
  controllers: [CartController, AdminCartController, ShippingQuotesController],
  providers: [
    { provide: CartRepository, useClass: TypeOrmCartRepository },
    // The repository reads a cart with its catalog facts too (the versions it saves by are its own).
    { provide: CartWithItemsReader, useExisting: CartRepository },
    { provide: DiscountRepository, useClass: TypeOrmDiscountRepository },
    CartAccess,
    CartPricing,
    DiscountCustomers,
    GetCart,
    AddCartItem,
    ChangeCartItem,
    ApplyDiscount,
    AdministerCarts,
    MergeCartOnSignIn,
    ExpireAnonymousCarts,
    CartCheckout,
    ShippingQuotes,
  ],
  exports: [CartCheckout],
})
export class CartModule {}
