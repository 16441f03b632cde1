import { paymentStateOf } from './payment-state';

const at = new Date('2026-11-26T09:31:00Z');

describe('paymentStateOf', () => {
  it('is unpaid with no attempt, or with one still open', () => {
    expect(paymentStateOf({ paidAt: null, captured: null, lastAttempt: null }).paymentStatus).toBe('unpaid');
    expect(paymentStateOf({ paidAt: null, captured: null, lastAttempt: { status: 'requires_action', failureReason: null } }).paymentStatus).toBe('unpaid');
  });

  it('is failed with the reason of the last attempt', () => {
    expect(paymentStateOf({ paidAt: null, captured: null, lastAttempt: { status: 'failed', failureReason: 'Your card was declined.' } })).toEqual({
      paymentStatus: 'failed',
      paidAt: null,
      lastPaymentError: 'Your card was declined.',
    });
  });

  it('is paid once captured, even after an earlier failure', () => {
    expect(paymentStateOf({ paidAt: at, captured: { amount: 500, refunded: 0 }, lastAttempt: { status: 'succeeded', failureReason: null } })).toEqual({
      paymentStatus: 'paid',
      paidAt: at,
      lastPaymentError: null,
    });
  });

  it('is paid for a free order that became paid without a payment', () => {
    expect(paymentStateOf({ paidAt: at, captured: null, lastAttempt: null }).paymentStatus).toBe('paid');
  });

  it('is partially refunded, then refunded', () => {
    expect(paymentStateOf({ paidAt: at, captured: { amount: 500, refunded: 200 }, lastAttempt: null }).paymentStatus).toBe('partially_refunded');
    expect(paymentStateOf({ paidAt: at, captured: { amount: 500, refunded: 500 }, lastAttempt: null }).paymentStatus).toBe('refunded');
  });
});
