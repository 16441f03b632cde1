/** The payment context's events: name, payload type and version, declared once. */
export { PaymentFailed, PaymentRefunded, PaymentSucceeded, RefundRequested } from '../domain/payment.events';
export type { PaymentEventPayload } from '../domain/payment.events';
