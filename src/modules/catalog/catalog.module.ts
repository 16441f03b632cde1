import { Module } from '@nestjs/common';
import { BrowseProducts } from './application/browse-products';
import { CatalogItems } from './application/catalog-items';
import { ProductCatalog } from './application/catalog.views';
import { ManageInventory } from './application/manage-inventory';
import { ManageProducts } from './application/manage-products';
import { ManageRepairServices } from './application/manage-repair-services';
import { ManageReviews } from './application/manage-reviews';
import { RatingProjection } from './application/rating-projection';
import { SellerProducts } from './application/seller-products';
import { StockReservations } from './application/stock-reservations';
import { VerifiedPurchases } from './application/verified-purchases';
import { InventoryLedger, ProductRepository, RepairServiceRepository, ReviewRepository } from './domain/catalog.ports';
import { SqlCatalogItems } from './infrastructure/sql-catalog-items';
import { SqlProductCatalog } from './infrastructure/sql-product-catalog';
import { TypeOrmInventoryLedger } from './infrastructure/typeorm-inventory.ledger';
import { TypeOrmProductRepository } from './infrastructure/typeorm-product.repository';
import { TypeOrmRepairServiceRepository } from './infrastructure/typeorm-repair-service.repository';
import { TypeOrmReviewRepository } from './infrastructure/typeorm-review.repository';
import { InventoryController } from './presentation/inventory.controller';
import { ProductsController } from './presentation/products.controller';
import { ReviewsController } from './presentation/reviews.controller';
import { SellerProductsController } from './presentation/seller-products.controller';
import { ServicesController } from './presentation/services.controller';

@Module({
  controllers: [ProductsController, InventoryController, ServicesController, ReviewsController, SellerProductsController],
  providers: [
    { provide: ProductRepository, useClass: TypeOrmProductRepository },
    { provide: InventoryLedger, useClass: TypeOrmInventoryLedger },
    { provide: RepairServiceRepository, useClass: TypeOrmRepairServiceRepository },
    { provide: ReviewRepository, useClass: TypeOrmReviewRepository },
    { provide: ProductCatalog, useClass: SqlProductCatalog },
    { provide: CatalogItems, useClass: SqlCatalogItems },
    BrowseProducts,
    ManageProducts,
    ManageInventory,
    ManageRepairServices,
    ManageReviews,
    RatingProjection,
    SellerProducts,
    StockReservations,
    VerifiedPurchases,
  ],
  exports: [CatalogItems, StockReservations, VerifiedPurchases],
})
export class CatalogModule {}
