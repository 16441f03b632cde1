import { TemplateData, TemplateMessage, TemplateName } from '../domain/notification';
import { RenderedEmail, TemplateContext } from './layout';
import { welcome } from './account.templates';
import { orderCancelled, orderPaid, orderPlaced, orderRefunded, orderShipped } from './order.templates';
import {
  technicianVisitAssigned,
  technicianVisitCancelled,
  technicianVisitChanged,
  visitCancelled,
  visitConfirmed,
  visitReminder,
  visitRescheduled,
} from './visit.templates';

export type { RenderedEmail, TemplateContext } from './layout';

/** Every email the shop sends: one typed function per template, text and HTML parts. */
const TEMPLATES: { [T in TemplateName]: (data: TemplateData[T], ctx: TemplateContext) => RenderedEmail } = {
  welcome,
  'order-placed': orderPlaced,
  'order-paid': orderPaid,
  'order-shipped': orderShipped,
  'order-cancelled': orderCancelled,
  'order-refunded': orderRefunded,
  'visit-confirmed': visitConfirmed,
  'visit-rescheduled': visitRescheduled,
  'visit-cancelled': visitCancelled,
  'visit-reminder': visitReminder,
  'technician-visit-assigned': technicianVisitAssigned,
  'technician-visit-changed': technicianVisitChanged,
  'technician-visit-cancelled': technicianVisitCancelled,
};

export function renderEmail(message: TemplateMessage, ctx: TemplateContext): RenderedEmail {
  const render = TEMPLATES[message.template] as (data: TemplateMessage['data'], ctx: TemplateContext) => RenderedEmail;
  return render(message.data, ctx);
}
