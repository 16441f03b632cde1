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
    p.requestRefund(300, 'op');
    expect(p.refundable()).toBe(700);
    p.settleRefund(300, 're_1');
    expect(p.status).toBe('succeeded');
    expect(p.refundable()).toBe(700);
    expect(() => p.requestRefund(701, 'op')).toThrow(expect.objectContaining({ code: 'payment.refund_exceeds_captured' }));
    p.requestRefund(700, 'op');
    // a requested refund reserves its amount: nothing more can be requested meanwhile
    expect(() => p.requestRefund(1, 'op')).toThrow(expect.objectContaining({ code: 'payment.refund_exceeds_captured' }));
    p.settleRefund(700, 're_3');
    expect(p.status).toBe('refunded');
    const events = p.pullEvents().filter((e) => e.name === 'PaymentRefunded').map((e) => (e.payload as { fullyRefunded: boolean }).fullyRefunded);
    expect(events).toEqual([false, true]);
  });

  it('cannot refund an unpaid payment', () => {
    expect(() => open().requestRefund(100, 'op')).toThrow(expect.objectContaining({ code: 'payment.not_refundable' }));
  });

  it('is processing while the provider is asked: not confirmable twice; a refused request makes it confirmable again', () => {
    const p = open();
    p.startConfirmation('pm_card_visa');
    expect(p.status).toBe('processing');
    expect(p.isOpen).toBe(true);
    expect(() => p.startConfirmation('pm_card_visa')).toThrow(expect.objectContaining({ code: 'payment.not_confirmable' }));
    p.abandonConfirmation();
    expect(p.status).toBe('requires_confirmation');
    p.startConfirmation('pm_card_visa');
    p.succeed();
    expect(p.status).toBe('succeeded');
  });

  it('a dropped refund request gives its amount back', () => {
    const p = open();
    p.startConfirmation('pm_card_visa');
    p.succeed();
    p.requestRefund(1000, 'op');
    expect(p.refundable()).toBe(0);
    p.dropRefund(1000);
    expect(p.refundable()).toBe(1000);
    expect(() => p.settleRefund(1, 're')).toThrow(expect.objectContaining({ code: 'payment.refund_not_requested' }));
  });
});
