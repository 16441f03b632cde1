import { Payment, PaymentStatus } from '../domain/payment';

export interface PaymentView {
  id: string;
  orderId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  provider: string;
  providerPaymentId: string;
  paymentMethod: string | null;
  amountRefunded: number;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toPaymentView(payment: Payment): PaymentView {
  const { amountRefundPending: _pending, ...s } = payment.snapshot();
  return { ...s, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}
