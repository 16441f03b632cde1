import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { OrderNotices } from '../../order/application/order-notices';
import { ClaimedNotification, TemplateName } from '../domain/notification';
import { InvoiceDocuments, OutgoingMail } from '../domain/notification.ports';
import { renderEmail, TemplateContext } from '../templates';
import { visitInvite } from './visit-invite';

const INVITES: Partial<Record<TemplateName, 'REQUEST' | 'CANCEL'>> = {
  'visit-confirmed': 'REQUEST',
  'visit-rescheduled': 'REQUEST',
  'visit-cancelled': 'CANCEL',
  'technician-visit-assigned': 'REQUEST',
  'technician-visit-changed': 'REQUEST',
  'technician-visit-cancelled': 'CANCEL',
};

/**
 * Turns a notification into the message sent, when it is sent: the template's text and HTML, the
 * visit's invite, the invoice, and for guests the access token (derived, so never stored).
 */
@Injectable()
export class ComposeMail {
  constructor(
    private readonly config: AppConfig,
    private readonly orders: OrderNotices,
    private readonly invoices: InvoiceDocuments,
  ) {}

  context(): TemplateContext {
    return { storeName: this.config.store.name, storeUrl: this.config.store.url, timeZone: this.config.booking.timeZone };
  }

  async compose(n: ClaimedNotification): Promise<OutgoingMail> {
    const ctx = this.context();
    if (n.template === 'order-placed' && n.data.order.guest) ctx.guestAccessToken = this.orders.guestAccessToken(n.data.order.orderId);
    const email = renderEmail(n, ctx);
    const method = INVITES[n.template];
    const invoice = n.template === 'order-paid' && n.orderId ? await this.invoices.forOrder(n.orderId) : null;
    return {
      from: `"${this.config.store.name.replace(/["\\\r\n]/g, '')}" <${this.config.notification.from}>`,
      to: n.recipient,
      subject: n.subject,
      text: email.text,
      html: email.html,
      messageId: `<${n.id}@${this.config.notification.from.split('@')[1]}>`,
      attachments: invoice ? [invoice] : [],
      headers: { 'X-Notification-Template': n.template },
      ...(method && 'visit' in n.data
        ? {
            calendar: {
              method,
              filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
              content: visitInvite(n.data.visit, method, { storeName: this.config.store.name, organizerEmail: this.config.notification.from, attendeeEmail: n.recipient }, n.createdAt),
            },
          }
        : {}),
    };
  }
}
