import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { ConfirmPayment } from './application/confirm-payment';
import { CreatePaymentIntent } from './application/create-payment-intent';
import { GetPayment } from './application/get-payment';
import { HandleWebhook } from './application/handle-webhook';
import { PaymentProcess } from './application/payment-process';
import { PaymentSideEffects } from './application/payment-side-effects';
import { ReconcilePayments } from './application/reconcile-payments.job';
import { RefundPayment } from './application/refund-payment';
import { PaymentProvider } from './domain/payment-provider.port';
import { PaymentOperationRepository } from './domain/payment-operation.repository.port';
import { PaymentRepository } from './domain/payment.repository.port';
import { TestPaymentProvider } from './infrastructure/test-payment.provider';
import { TypeOrmPaymentOperationRepository } from './infrastructure/typeorm-payment-operation.repository';
import { TypeOrmPaymentRepository } from './infrastructure/typeorm-payment.repository';
import { PaymentsController } from './presentation/payments.controller';

@Module({
  imports: [OrderModule],
  controllers: [PaymentsController],
  providers: [
    { provide: PaymentRepository, useClass: TypeOrmPaymentRepository },
    { provide: PaymentOperationRepository, useClass: TypeOrmPaymentOperationRepository },
    { provide: PaymentProvider, useClass: TestPaymentProvider },
    PaymentProcess,
    PaymentSideEffects,
    ReconcilePayments,
    CreatePaymentIntent,
    ConfirmPayment,
    GetPayment,
    RefundPayment,
    HandleWebhook,
  ],
})
export class PaymentModule {}
