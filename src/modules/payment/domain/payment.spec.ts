import { Payment } from './payment';

const open = () => Payment.open({ orderId: 'o1', provider: 'test', providerPaymentId: 'pi_1', amount: 1000, currency: 'GBP' });

describe('Payment', () => {
  it('succeeds once and raises PaymentSucceeded', () => {
    const p = open();
    p.startConfirmation('pm_card_visa');
    p.succeed();
    expect(p.pullEvents().map((e) => e.name)).toEqual(['PaymentSucceeded']);
    expect(() => p.succeed()).toThrow(expect.objectContaining({ code: 'payment.not_open' }));
    expect(() => p.startConfirmation('pm_card_visa')).toThrow(expect.objectContaining({ code: 'payment.not_confirmable' }));
  });

  it('settles a requires_action payment later', () => {
    const p = open();
    p.startConfirmation('pm_card_requires_action');
    p.requireAction();
    expect(p.isOpen).toBe(true);
    expect(() => p.startConfirmation('pm_card_visa')).toThrow();
    p.fail('authentication_failed');
    expect(p.status).toBe('failed');
  });

  it('refunds partially, then fully, never more than captured', () => {
    const p = open();
    p.startConfirmation('pm_card_visa');
    p.succeed();
    p.refund(300, 're_1');
    expect(p.status).toBe('succeeded');
    expect(p.refundable()).toBe(700);
    expect(() => p.refund(701, 're_2')).toThrow(expect.objectContaining({ code: 'payment.refund_exceeds_captured' }));
    p.refund(700, 're_3');
    expect(p.status).toBe('refunded');
    const events = p.pullEvents().slice(1).map((e) => (e.payload as { fullyRefunded: boolean }).fullyRefunded);
    expect(events).toEqual([false, true]);
  });

  it('cannot refund an unpaid payment', () => {
    expect(() => open().refund(100, 're')).toThrow(expect.objectContaining({ code: 'payment.not_refundable' }));
  });
});
