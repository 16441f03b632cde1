import { Injectable, OnModuleInit } from '@nestjs/common';
import { SideEffects } from '../../../shared/application/side-effects';
import { RefundRequested } from '../domain/payment.events';
import { PaymentProcess } from './payment-process';

/** What payments do after commit: a requested refund is made by the provider. */
@Injectable()
export class PaymentSideEffects implements OnModuleInit {
  constructor(
    private readonly sideEffects: SideEffects,
    private readonly process: PaymentProcess,
  ) {}

  onModuleInit(): void {
    this.sideEffects.register(RefundRequested, 'payment.make-refund', (event) => this.process.complete(event.payload.operationId));
  }
}
