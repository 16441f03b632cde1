import { OrderData, TemplateData } from '../domain/notification';
import { html, layout, money, RenderedEmail, SafeHtml, TemplateContext } from './layout';

function linesText(order: OrderData): string[] {
  return [
    ...order.items.map((l) => `  ${l.quantity} x ${l.name}  ${money(l.lineTotal, order.currency)}`),
    ...(order.discount ? [`  Discount (${order.discount.code})  -${money(order.discount.amount, order.currency)}`] : []),
    ...(order.shipping ? [`  ${order.shipping.name}  ${money(order.shipping.amount, order.currency)}`] : []),
    `  Total  ${money(order.total, order.currency)}`,
    `  (includes VAT of ${money(order.vatTotal, order.currency)})`,
  ];
}

function linesHtml(order: OrderData): SafeHtml {
  return html`<table style="border-collapse: collapse; width: 100%;">
${order.items.map((l) => html`<tr><td>${l.quantity} x ${l.name}</td><td style="text-align: right;">${money(l.lineTotal, order.currency)}</td></tr>
`)}${order.discount ? html`<tr><td>Discount (${order.discount.code})</td><td style="text-align: right;">-${money(order.discount.amount, order.currency)}</td></tr>` : ''}
${order.shipping ? html`<tr><td>${order.shipping.name}</td><td style="text-align: right;">${money(order.shipping.amount, order.currency)}</td></tr>` : ''}
<tr><td><strong>Total</strong></td><td style="text-align: right;"><strong>${money(order.total, order.currency)}</strong></td></tr>
<tr><td colspan="2"><small>Includes VAT of ${money(order.vatTotal, order.currency)}</small></td></tr>
</table>`;
}

const orderUrl = (order: OrderData, ctx: TemplateContext): string => `${ctx.storeUrl}/orders/${order.orderId}`;

/** Guests have no account: the link and the token are how they come back to the order. */
function guestAccess(order: OrderData, ctx: TemplateContext): { text: string[]; html: SafeHtml } {
  if (!order.guest || !ctx.guestAccessToken) return { text: [], html: html`` };
  const link = `${orderUrl(order, ctx)}?token=${encodeURIComponent(ctx.guestAccessToken)}`;
  return {
    text: ['', `View or pay your order: ${link}`, `Your order access token (keep it private): ${ctx.guestAccessToken}`],
    html: html`<p><a href="${link}">View or pay your order</a></p>
<p>Your order access token (keep it private): <code>${ctx.guestAccessToken}</code></p>`,
  };
}

export function orderPlaced({ order }: TemplateData['order-placed'], ctx: TemplateContext): RenderedEmail {
  const access = guestAccess(order, ctx);
  return layout(ctx, `Order #${order.number} received`, {
    text: [`Thank you for your order #${order.number}.`, '', ...linesText(order), ...access.text],
    html: html`<p>Thank you for your order <strong>#${order.number}</strong>.</p>${linesHtml(order)}${access.html}`,
  });
}

export function orderPaid({ order }: TemplateData['order-paid'], ctx: TemplateContext): RenderedEmail {
  if (order.total === 0) {
    return layout(ctx, `Order #${order.number} confirmed`, {
      text: [`Your order #${order.number} is confirmed: there is nothing to pay.`, '', ...linesText(order)],
      html: html`<p>Your order <strong>#${order.number}</strong> is confirmed: there is nothing to pay.</p>${linesHtml(order)}`,
    });
  }
  return layout(ctx, `Payment received for order #${order.number}`, {
    text: [`We have received your payment of ${money(order.total, order.currency)} for order #${order.number}.`, '', ...linesText(order)],
    html: html`<p>We have received your payment of <strong>${money(order.total, order.currency)}</strong> for order #${order.number}.</p>${linesHtml(order)}`,
  });
}

export function orderShipped({ order, carrier, trackingNumber }: TemplateData['order-shipped'], ctx: TemplateContext): RenderedEmail {
  const tracking = [carrier ? `Carrier: ${carrier}` : null, trackingNumber ? `Tracking number: ${trackingNumber}` : null].filter((l): l is string => !!l);
  return layout(ctx, `Order #${order.number} has shipped`, {
    text: [`Your order #${order.number} is on its way.`, ...(tracking.length ? ['', ...tracking] : [])],
    html: html`<p>Your order <strong>#${order.number}</strong> is on its way.</p>${tracking.map((l) => html`<p>${l}</p>`)}`,
  });
}

export function orderCancelled({ order, reason }: TemplateData['order-cancelled'], ctx: TemplateContext): RenderedEmail {
  return layout(ctx, `Order #${order.number} cancelled`, {
    text: [`Your order #${order.number} has been cancelled.`, ...(reason ? [`Reason: ${reason}`] : [])],
    html: html`<p>Your order <strong>#${order.number}</strong> has been cancelled.</p>${reason ? html`<p>Reason: ${reason}</p>` : ''}`,
  });
}

export function orderRefunded({ order, amount, fullyRefunded }: TemplateData['order-refunded'], ctx: TemplateContext): RenderedEmail {
  const what = `${fullyRefunded ? 'A full' : 'A partial'} refund of ${money(amount, order.currency)} for order #${order.number}`;
  return layout(ctx, `Refund for order #${order.number}`, {
    text: [`${what} is on its way back to your card. It can take a few days to appear.`],
    html: html`<p>${what} is on its way back to your card. It can take a few days to appear.</p>`,
  });
}
