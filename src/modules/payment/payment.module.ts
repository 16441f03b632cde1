import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { ConfirmPayment } from './application/confirm-payment';
import { CreatePaymentIntent } from './application/create-payment-intent';
import { GetPayment } from './application/get-payment';
import { HandleWebhook } from './application/handle-webhook';
import { RefundPayment } from './application/refund-payment';
import { PaymentProvider } from './domain/payment-provider.port';
import { PaymentRepository } from './domain/payment.repository.port';
import { TestPaymentProvider } from './infrastructure/test-payment.provider';
import { TypeOrmPaymentRepository } from './infrastructure/typeorm-payment.repository';
import { PaymentsController } from './presentation/payments.controller';

@Module({
  imports: [OrderModule],
  controllers: [PaymentsController],
  providers: [
    { provide: PaymentRepository, useClass: TypeOrmPaymentRepository },
    { provide: PaymentProvider, useClass: TestPaymentProvider },
    CreatePaymentIntent,
    ConfirmPayment,
    GetPayment,
    RefundPayment,
    HandleWebhook,
  ],
})
export class PaymentModule {}
