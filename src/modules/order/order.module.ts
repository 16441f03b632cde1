import { Module } from '@nestjs/common';
import { CartModule } from '../cart/cart.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ShippingModule } from '../shipping/shipping.module';
import { AddOrderItems } from './application/add-order-items';
import { ChangeOrderStatus } from './application/change-order-status';
import { ExpireUnpaidOrders } from './application/expire-unpaid-orders';
import { OrderAccess } from './application/order-access';
import { OrderNotices } from './application/order-notices';
import { OrderFulfilment } from './application/order-fulfilment';
import { OrderPayments } from './application/order-payments';
import { OrderSideEffects } from './application/order-side-effects';
import { PlaceOrder } from './application/place-order';
import { PlaceVisitPartsOrder } from './application/place-visit-parts-order';
import { OrderViews } from './application/order.views';
import { ReadOrders } from './application/read-orders';
import { RecordLineSellers } from './application/record-line-sellers';
import { SellerOrders } from './application/seller-orders';
import { VisitOrders } from './contracts/visit-orders';
import { VisitPartsOrders } from './contracts/visit-parts-orders';
import { OrderDocuments } from './contracts/order-documents';
import { OrderDocumentsService } from './application/order-documents.service';
import { OrderRepository } from './domain/order.ports';
import { SellerOrderLines } from './domain/seller-order-lines.port';
import { UnpaidOrderHolds } from './domain/unpaid-order-holds.port';
import { PgUnpaidOrderHolds } from './infrastructure/pg-unpaid-order-holds';
import { UnpaidOrderCaps } from './application/unpaid-order-caps';
import { OrderPaymentFacts } from './domain/payment-state';
import { SqlOrderPaymentFacts } from './infrastructure/sql-order-payment-facts';
import { OrderInvoiceFacts } from './domain/invoice-facts';
import { SqlOrderInvoiceFacts } from './infrastructure/sql-order-invoice-facts';
import { SqlSellerOrderLines } from './infrastructure/sql-seller-order-lines';
import { TypeOrmOrderRepository } from './infrastructure/typeorm-order.repository';
import { OrdersController } from './presentation/orders.controller';
import { SellerOrdersController } from './presentation/seller-orders.controller';

@Module({
  imports: [CatalogModule, CartModule, ShippingModule],
  controllers: [OrdersController, SellerOrdersController],
  providers: [
    { provide: OrderRepository, useClass: TypeOrmOrderRepository },
    { provide: UnpaidOrderHolds, useClass: PgUnpaidOrderHolds },
    UnpaidOrderCaps,
    { provide: OrderPaymentFacts, useClass: SqlOrderPaymentFacts },
    { provide: OrderInvoiceFacts, useClass: SqlOrderInvoiceFacts },
    OrderViews,
    OrderAccess,
    OrderNotices,
    PlaceOrder,
    ReadOrders,
    AddOrderItems,
    ChangeOrderStatus,
    OrderSideEffects,
    OrderPayments,
    ExpireUnpaidOrders,
    { provide: VisitOrders, useClass: OrderFulfilment },
    { provide: VisitPartsOrders, useClass: PlaceVisitPartsOrder },
    { provide: OrderDocuments, useClass: OrderDocumentsService },
    { provide: SellerOrderLines, useClass: SqlSellerOrderLines },
    RecordLineSellers,
    SellerOrders,
  ],
  exports: [PlaceOrder, OrderPayments, VisitOrders, VisitPartsOrders, OrderNotices, OrderDocuments],
})
export class OrderModule {}
