import { createCategory, createProduct, fieldsOf } from '../support/catalog';
import {
  confirm,
  countRows,
  createIntent,
  getOrder,
  historyOf,
  inventoryOf,
  movementsOfOrder,
  OrderBody,
  PaymentBody,
  payOrder,
  placeOrder,
  sendWebhook,
  signature,
  uniqueEventId,
  WEBHOOK_SECRET,
  webhookEvent,
} from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const TOLERANCE_SECONDS = 60;

describe('payments: intents, confirmation, signed webhooks, refunds', () => {
  let app: TestApp;
  let admin: string;
  let productId: string;

  beforeAll(async () => {
    app = await startTestApp({ PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET, PAYMENT_WEBHOOK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS) });
    admin = await login(app, ADMIN);
    const category = await createCategory(app, admin, 'pay-parts');
    productId = (await createProduct(app, admin, { name: 'Washer Pump', price: 2500, category, initialStock: 200 })).id;
  });
  afterAll(() => app?.stop());

  /** A fresh customer with a pending order for `quantity` pumps. */
  async function pendingOrder(quantity = 2) {
    const customer = await registerCustomer(app);
    const order = await placeOrder(app, customer.token, productId, quantity);
    return { customer, auth: bearer(customer.token), order };
  }

  const paymentRow = async (id: string) =>
    (await app.db.query(`SELECT status, amount::int, amount_refunded::int, failure_reason, updated_at FROM payments WHERE id = $1`, [id])).rows[0];

  it('a declined card leaves the order pending; a new intent and a good card pay it', async () => {
    const { auth, order } = await pendingOrder(2);
    const first = await createIntent(app, auth, order.id).expect(200);
    expect(first.body).toEqual(
      expect.objectContaining({
        orderId: order.id,
        status: 'requires_confirmation',
        amount: 5000,
        currency: 'GBP',
        provider: 'test',
        providerPaymentId: expect.stringMatching(/^pi_/),
        paymentMethod: null,
        amountRefunded: 0,
        failureReason: null,
      }),
    );

    const declined = await confirm(app, auth, first.body.id, 'pm_card_declined').expect(200);
    expect(declined.body).toEqual(expect.objectContaining({ id: first.body.id, status: 'failed', failureReason: 'card_declined', paymentMethod: 'pm_card_declined' }));
    expect((await getOrder(app, auth, order.id)).status).toBe('pending');
    // a failed payment cannot be confirmed again
    const retry = await confirm(app, auth, first.body.id, 'pm_card_visa');
    expectProblem(retry, 409);
    expect(retry.body).toEqual(expect.objectContaining({ status: 409, code: 'payment.not_confirmable', paymentStatus: 'failed' }));

    const second = await createIntent(app, auth, order.id).expect(200);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body).toEqual(expect.objectContaining({ status: 'requires_confirmation', amount: 5000 }));
    const paid = await confirm(app, auth, second.body.id, 'pm_card_visa').expect(200);
    expect(paid.body).toEqual(expect.objectContaining({ id: second.body.id, status: 'succeeded', failureReason: null }));
    expect((await getOrder(app, auth, order.id)).status).toBe('paid');

    const { rows } = await app.db.query(`SELECT status, failure_reason FROM payments WHERE order_id = $1 ORDER BY created_at`, [order.id]);
    expect(rows).toEqual([
      { status: 'failed', failure_reason: 'card_declined' },
      { status: 'succeeded', failure_reason: null },
    ]);
    // once paid, no more intents
    const late = await createIntent(app, auth, order.id);
    expectProblem(late, 409);
    expect(late.body).toEqual(expect.objectContaining({ status: 409, code: 'order.not_payable', orderStatus: 'paid' }));
    expect(await countRows(app, 'payments WHERE order_id = $1', [order.id])).toBe(2);
  });

  it('insufficient funds fails with its own reason; an unknown method is 422 and changes nothing', async () => {
    const { auth, order } = await pendingOrder(1);
    const intent = await createIntent(app, auth, order.id).expect(200);
    const unknown = await confirm(app, auth, intent.body.id, 'pm_card_unknown');
    expectProblem(unknown, 422);
    expect(unknown.body.code).toBe('payment.unknown_method');
    expect((await paymentRow(intent.body.id)).status).toBe('requires_confirmation');

    const poor = await confirm(app, auth, intent.body.id, 'pm_card_insufficient_funds').expect(200);
    expect(poor.body).toEqual(expect.objectContaining({ status: 'failed', failureReason: 'insufficient_funds' }));
  });

  it('asking for an intent again while one is open returns the same payment', async () => {
    const { auth, order } = await pendingOrder(1);
    const first = await createIntent(app, auth, order.id).expect(200);
    const again = await createIntent(app, auth, order.id).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.providerPaymentId).toBe(first.body.providerPaymentId);
    const both = await Promise.all([createIntent(app, auth, order.id), createIntent(app, auth, order.id)]);
    expect(both.map((r) => [r.status, r.body.id])).toEqual([
      [200, first.body.id],
      [200, first.body.id],
    ]);
    expect(await countRows(app, 'payments WHERE order_id = $1', [order.id])).toBe(1);
    // the owner and an admin can read it, nobody else
    expect((await app.http().get(`/api/v1/payments/${first.body.id}`).set(auth).expect(200)).body.id).toBe(first.body.id);
    expect((await app.http().get(`/api/v1/payments/${first.body.id}`).set(bearer(admin)).expect(200)).body.orderId).toBe(order.id);
    const stranger = await registerCustomer(app);
    expectProblem(await app.http().get(`/api/v1/payments/${first.body.id}`).set(bearer(stranger.token)), 404);
    expectProblem(await app.http().get(`/api/v1/payments/${first.body.id}`), 404);
  });

  describe('requires_action, settled by a signed webhook', () => {
    let auth: Record<string, string>;
    let order: OrderBody;
    let payment: PaymentBody;

    beforeAll(async () => {
      ({ auth, order } = await pendingOrder(1));
      const intent = await createIntent(app, auth, order.id).expect(200);
      const res = await confirm(app, auth, intent.body.id, 'pm_card_requires_action').expect(200);
      payment = res.body;
    });

    it('waits in requires_action: the order stays pending and the payment cannot be confirmed again', async () => {
      expect(payment).toEqual(expect.objectContaining({ status: 'requires_action', paymentMethod: 'pm_card_requires_action' }));
      expect((await getOrder(app, auth, order.id)).status).toBe('pending');
      const again = await confirm(app, auth, payment.id, 'pm_card_visa');
      expectProblem(again, 409);
      expect(again.body).toEqual(expect.objectContaining({ code: 'payment.not_confirmable', paymentStatus: 'requires_action' }));
      // the open intent is still the one handed out
      expect((await createIntent(app, auth, order.id).expect(200)).body.id).toBe(payment.id);
    });

    it.each([
      ['a tampered body', (body: string) => ({ raw: body.replace('payment_intent.succeeded', 'payment_intent.payment_failed'), sig: signature(body) })],
      ['a tampered signature', (body: string) => ({ raw: body, sig: signature(body).replace(/v1=(.)/, (_m, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`) })],
      ['the wrong secret', (body: string) => ({ raw: body, sig: signature(body, 'some-other-webhook-secret-000000') })],
      ['a stale timestamp', (body: string) => ({ raw: body, sig: signature(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - TOLERANCE_SECONDS - 60) })],
      ['a timestamp from the future', (body: string) => ({ raw: body, sig: signature(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) + TOLERANCE_SECONDS + 60) })],
      ['a malformed header', (body: string) => ({ raw: body, sig: 'v1=deadbeef' })],
      ['no signature header', (body: string) => ({ raw: body, sig: undefined })],
    ])('refuses %s with 400 and changes nothing', async (_label, forge) => {
      const eventId = uniqueEventId();
      const { raw, sig } = forge(webhookEvent('payment_intent.succeeded', payment.providerPaymentId, eventId));
      const res = await sendWebhook(app, raw, sig);
      expectProblem(res, 400);
      expect(res.body.code).toBe('webhook.invalid_signature');
      expect(fieldsOf(res.body)).toEqual(['payment-signature']);
      expect(await countRows(app, 'webhook_events WHERE event_id = $1', [eventId])).toBe(0);
      expect((await paymentRow(payment.id)).status).toBe('requires_action');
      expect((await getOrder(app, auth, order.id)).status).toBe('pending');
    });

    it('a signed success event pays the order; replaying the same event id changes nothing', async () => {
      const eventId = uniqueEventId();
      // a timestamp inside the tolerance is accepted
      const body = webhookEvent('payment_intent.succeeded', payment.providerPaymentId, eventId);
      const res = await sendWebhook(app, body, signature(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 30)).expect(200);
      expect(res.body).toEqual({ received: true, duplicate: false });

      expect((await app.http().get(`/api/v1/payments/${payment.id}`).set(auth).expect(200)).body).toEqual(
        expect.objectContaining({ status: 'succeeded', failureReason: null }),
      );
      expect((await getOrder(app, auth, order.id)).status).toBe('paid');
      const history = await historyOf(app, auth, order.id);
      expect(history.map((h) => [h.from, h.to, h.actorRole])).toEqual([
        [null, 'pending', 'customer'],
        ['pending', 'paid', 'system'],
      ]);

      const before = await paymentRow(payment.id);
      for (let i = 0; i < 2; i++) {
        const replay = await sendWebhook(app, body, signature(body)).expect(200);
        expect(replay.body).toEqual({ received: true, duplicate: true });
      }
      // even a replayed id carrying another type is only a duplicate
      const sameIdFailed = webhookEvent('payment_intent.payment_failed', payment.providerPaymentId, eventId, 'card_declined');
      expect((await sendWebhook(app, sameIdFailed, signature(sameIdFailed)).expect(200)).body).toEqual({ received: true, duplicate: true });
      expect(await paymentRow(payment.id)).toEqual(before);
      expect(await historyOf(app, auth, order.id)).toHaveLength(2);
      expect(await countRows(app, 'webhook_events WHERE event_id = $1', [eventId])).toBe(1);
      expect(await countRows(app, 'payments WHERE order_id = $1', [order.id])).toBe(1);

      // a new event claiming failure for the settled payment changes nothing either
      const lateFailure = webhookEvent('payment_intent.payment_failed', payment.providerPaymentId, uniqueEventId(), 'card_declined');
      expect((await sendWebhook(app, lateFailure, signature(lateFailure)).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect(await paymentRow(payment.id)).toEqual(before);
      expect((await getOrder(app, auth, order.id)).status).toBe('paid');
    });

    it('a signed failure event fails the payment with its reason; the order stays pending and can be paid anew', async () => {
      const pending = await pendingOrder(1);
      const intent = await createIntent(app, pending.auth, pending.order.id).expect(200);
      await confirm(app, pending.auth, intent.body.id, 'pm_card_requires_action').expect(200);
      const body = webhookEvent('payment_intent.payment_failed', intent.body.providerPaymentId, uniqueEventId(), 'authentication_required');
      expect((await sendWebhook(app, body, signature(body)).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect(await paymentRow(intent.body.id)).toEqual(expect.objectContaining({ status: 'failed', failure_reason: 'authentication_required' }));
      expect((await getOrder(app, pending.auth, pending.order.id)).status).toBe('pending');
      const fresh = await payOrder(app, pending.auth, pending.order.id);
      expect(fresh.id).not.toBe(intent.body.id);
      expect((await getOrder(app, pending.auth, pending.order.id)).status).toBe('paid');
    });

    it('a success that arrives after the order was cancelled is recorded and refunded straight away', async () => {
      const pending = await pendingOrder(2);
      const intent = await createIntent(app, pending.auth, pending.order.id).expect(200);
      await confirm(app, pending.auth, intent.body.id, 'pm_card_requires_action').expect(200);
      await app.http().post(`/api/v1/orders/${pending.order.id}/cancel`).set(pending.auth).send({ reason: 'changed my mind' }).expect(200);
      const released = [
        ['reservation', 2],
        ['release', -2],
      ];
      expect((await movementsOfOrder(app, pending.order.id)).map((m) => [m.reason, m.reserved_delta])).toEqual(released);
      // the provider still holds the customer's authentication, so the payment is not closed by us
      expect((await paymentRow(intent.body.id)).status).toBe('requires_action');

      // the customer completes the bank's check after all: the provider captures and tells us
      const body = webhookEvent('payment_intent.succeeded', intent.body.providerPaymentId);
      expect((await sendWebhook(app, body, signature(body)).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect(await paymentRow(intent.body.id)).toEqual(expect.objectContaining({ status: 'refunded', amount: 5000, amount_refunded: 5000 }));
      const { rows } = await app.db.query(`SELECT amount::int, reason FROM refunds WHERE payment_id = $1`, [intent.body.id]);
      expect(rows).toEqual([{ amount: 5000, reason: 'order no longer payable' }]);
      expect((await getOrder(app, pending.auth, pending.order.id)).status).toBe('cancelled');
      expect((await historyOf(app, pending.auth, pending.order.id)).map((h) => h.to)).toEqual(['pending', 'cancelled']);
      expect((await movementsOfOrder(app, pending.order.id)).map((m) => [m.reason, m.reserved_delta])).toEqual(released);
    });

    it('a failure that arrives after the order was cancelled just fails the payment', async () => {
      const pending = await pendingOrder(1);
      const intent = await createIntent(app, pending.auth, pending.order.id).expect(200);
      await confirm(app, pending.auth, intent.body.id, 'pm_card_requires_action').expect(200);
      await app.http().post(`/api/v1/orders/${pending.order.id}/cancel`).set(pending.auth).send({}).expect(200);
      const body = webhookEvent('payment_intent.payment_failed', intent.body.providerPaymentId, uniqueEventId(), 'authentication_failed');
      await sendWebhook(app, body, signature(body)).expect(200);
      expect(await paymentRow(intent.body.id)).toEqual(expect.objectContaining({ status: 'failed', failure_reason: 'authentication_failed', amount_refunded: 0 }));
      expect(await countRows(app, 'refunds WHERE payment_id = $1', [intent.body.id])).toBe(0);
    });

    describe('when items were added to the order while the customer was at the bank', () => {
      const addOne = (auth: Record<string, string>, orderId: string) =>
        app
          .http()
          .post(`/api/v1/orders/${orderId}/items`)
          .set(auth)
          .send({ items: [{ productId, quantity: 1 }] })
          .expect(200);

      it('a success for the old amount does not pay the new total: it is refunded and the order stays pending', async () => {
        const pending = await pendingOrder(1);
        const intent = await createIntent(app, pending.auth, pending.order.id).expect(200);
        await confirm(app, pending.auth, intent.body.id, 'pm_card_requires_action').expect(200);
        expect((await addOne(pending.auth, pending.order.id)).body.total).toBe(5000);

        const body = webhookEvent('payment_intent.succeeded', intent.body.providerPaymentId);
        await sendWebhook(app, body, signature(body)).expect(200);
        expect(await paymentRow(intent.body.id)).toEqual(expect.objectContaining({ status: 'refunded', amount: 2500, amount_refunded: 2500 }));
        const order = await getOrder(app, pending.auth, pending.order.id);
        expect(order).toEqual(expect.objectContaining({ status: 'pending', total: 5000 }));
        expect(await countRows(app, `payments WHERE order_id = $1 AND status = 'succeeded'`, [pending.order.id])).toBe(0);

        // the customer then pays the new total
        const paid = await payOrder(app, pending.auth, pending.order.id);
        expect(paid.amount).toBe(5000);
        expect((await getOrder(app, pending.auth, pending.order.id)).status).toBe('paid');
        expect((await historyOf(app, pending.auth, pending.order.id)).map((h) => h.to)).toEqual(['pending', 'paid']);
        // and the database never lets two captures of one order stand
        await expect(app.db.query(`UPDATE payments SET status = 'succeeded', amount_refunded = 0 WHERE id = $1`, [intent.body.id])).rejects.toEqual(
          expect.objectContaining({ code: '23505', constraint: 'payments_one_capture_per_order' }),
        );
      });

      it('a new intent waits (409) until the provider has settled the one it holds', async () => {
        const pending = await pendingOrder(1);
        const intent = await createIntent(app, pending.auth, pending.order.id).expect(200);
        await confirm(app, pending.auth, intent.body.id, 'pm_card_requires_action').expect(200);
        await addOne(pending.auth, pending.order.id);

        const waiting = await createIntent(app, pending.auth, pending.order.id);
        expectProblem(waiting, 409);
        expect(waiting.body).toEqual(expect.objectContaining({ code: 'payment.awaiting_action', paymentId: intent.body.id, paymentAmount: 2500, orderTotal: 5000 }));
        expect((await paymentRow(intent.body.id)).status).toBe('requires_action');

        const failed = webhookEvent('payment_intent.payment_failed', intent.body.providerPaymentId, uniqueEventId(), 'authentication_failed');
        await sendWebhook(app, failed, signature(failed)).expect(200);
        const fresh = await createIntent(app, pending.auth, pending.order.id).expect(200);
        expect(fresh.body).toEqual(expect.objectContaining({ status: 'requires_confirmation', amount: 5000 }));
        expect(fresh.body.id).not.toBe(intent.body.id);
      });
    });

    it('acknowledges a signed event for an unknown payment without changing anything', async () => {
      const body = webhookEvent('payment_intent.succeeded', 'pi_does_not_exist');
      const paymentsBefore = await countRows(app, 'payments');
      expect((await sendWebhook(app, body, signature(body)).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect(await countRows(app, 'payments')).toBe(paymentsBefore);
    });

    it('refuses a correctly signed body that is not an event with 400', async () => {
      const body = JSON.stringify({ hello: 'world' });
      const res = await sendWebhook(app, body, signature(body));
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toEqual(['body']);
    });
  });

  describe('refunds', () => {
    it('refunds in part, refuses more than remains (409), then the rest: payment and order refunded, stock released', async () => {
      const { auth, order } = await pendingOrder(2);
      const payment = await payOrder(app, auth, order.id);
      expect(payment.amount).toBe(5000);

      const partial = await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({ amount: 1500, reason: 'one pump damaged' }).expect(200);
      expect(partial.body).toEqual(expect.objectContaining({ id: payment.id, status: 'succeeded', amount: 5000, amountRefunded: 1500 }));
      expect((await getOrder(app, auth, order.id)).status).toBe('paid');

      const tooMuch = await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({ amount: 3501 });
      expectProblem(tooMuch, 409);
      expect(tooMuch.body).toEqual(expect.objectContaining({ code: 'payment.refund_exceeds_captured', refundable: 3500 }));
      expect(await paymentRow(payment.id)).toEqual(expect.objectContaining({ status: 'succeeded', amount_refunded: 1500 }));

      const rest = await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({}).expect(200);
      expect(rest.body).toEqual(expect.objectContaining({ status: 'refunded', amountRefunded: 5000 }));
      const { rows } = await app.db.query(`SELECT amount::int, reason FROM refunds WHERE payment_id = $1 ORDER BY created_at`, [payment.id]);
      expect(rows).toEqual([
        { amount: 1500, reason: 'one pump damaged' },
        { amount: 3500, reason: null },
      ]);

      const refunded = await getOrder(app, auth, order.id);
      expect(refunded.status).toBe('refunded');
      expect(refunded.allowedTransitions).toEqual([]);
      const history = await historyOf(app, auth, order.id);
      expect(history.map((h) => [h.from, h.to, h.actorRole, h.note])).toEqual([
        [null, 'pending', 'customer', null],
        ['pending', 'paid', 'system', 'payment captured'],
        ['paid', 'refunded', 'system', 'payment fully refunded'],
      ]);
      // the unsold units went back on sale
      expect((await movementsOfOrder(app, order.id)).map((m) => [m.reason, m.on_hand_delta, m.reserved_delta])).toEqual([
        ['reservation', 0, 2],
        ['release', 0, -2],
      ]);

      const nothingLeft = await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({ amount: 1 });
      expectProblem(nothingLeft, 409);
      expect(nothingLeft.body.code).toBe('payment.not_refundable');
    });

    it('is for admins only (403 for the paying customer, 401 anonymous) and refuses bad amounts with 400', async () => {
      const { auth, order } = await pendingOrder(1);
      const payment = await payOrder(app, auth, order.id);
      expectProblem(await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(auth).send({ amount: 100 }), 403);
      expectProblem(await app.http().post(`/api/v1/payments/${payment.id}/refund`).send({ amount: 100 }), 401);
      for (const amount of [0, -5, 10.5, '100', 10_000_000_001]) {
        const res = await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({ amount });
        expectProblem(res, 400);
        expect(new Set(fieldsOf(res.body))).toEqual(new Set(['amount']));
      }
      expect(await paymentRow(payment.id)).toEqual(expect.objectContaining({ status: 'succeeded', amount_refunded: 0 }));
      expect(await countRows(app, 'refunds WHERE payment_id = $1', [payment.id])).toBe(0);
    });

    it('refuses to refund a payment that was never captured (409)', async () => {
      const { auth, order } = await pendingOrder(1);
      const intent = await createIntent(app, auth, order.id).expect(200);
      const res = await app.http().post(`/api/v1/payments/${intent.body.id}/refund`).set(bearer(admin)).send({});
      expectProblem(res, 409);
      expect(res.body.code).toBe('payment.not_refundable');
    });
  });

  it('validates payment requests: ids must be UUIDs, methods look like pm_*, unknown fields are refused', async () => {
    const { auth, order } = await pendingOrder(1);
    const cases: [string, object, string][] = [
      ['/api/v1/payments/create-intent', { orderId: 'nope' }, 'orderId'],
      ['/api/v1/payments/create-intent', {}, 'orderId'],
      ['/api/v1/payments/create-intent', { orderId: order.id, amount: 1 }, 'amount'],
      ['/api/v1/payments/confirm', { paymentId: 'nope', paymentMethod: 'pm_card_visa' }, 'paymentId'],
      ['/api/v1/payments/confirm', { paymentId: order.id, paymentMethod: 'visa' }, 'paymentMethod'],
      ['/api/v1/payments/confirm', { paymentId: order.id, paymentMethod: 42 }, 'paymentMethod'],
    ];
    for (const [path, body, field] of cases) {
      const res = await app.http().post(path).set(auth).send(body);
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toContain(field);
    }
    expectProblem(await app.http().get('/api/v1/payments/not-a-uuid').set(auth), 400);
    expect(await countRows(app, 'payments WHERE order_id = $1', [order.id])).toBe(0);
    // unknown ids are 404
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await createIntent(app, auth, unknown), 404);
    expectProblem(await confirm(app, auth, unknown), 404);
    expectProblem(await app.http().post(`/api/v1/payments/${unknown}/refund`).set(bearer(admin)).send({}), 404);
    expect((await inventoryOf(app, admin, productId)).onHand).toBe(200);
  });
});
