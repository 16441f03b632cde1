/** The payment context's events: name, payload type and version, declared once. */
export { PaymentFailed, PaymentRefunded, PaymentSucceeded, RefundRequested } from '../domain/payment.events';
export type { PaymentEventPayload } from '../domain/payment.events';

/** Handlers of PaymentRefunded run in this order inside the transaction that settled the refund. */
export const ON_PAYMENT_REFUNDED = { markOrderRefunded: 10, issueCreditNote: 20 } as const;
