import { TemplateData, VisitData } from '../domain/notification';
import { html, layout, RenderedEmail, SafeHtml, TemplateContext, when } from './layout';

function details(visit: VisitData, ctx: TemplateContext): { text: string[]; html: SafeHtml } {
  const rows: [string, string][] = [
    ['When', `${when(visit.start, ctx)} (until ${when(visit.end, ctx).split(', ')[1]})`],
    ['Where', visit.address],
    ['Repair', visit.services.join(', ')],
    ...(visit.notes ? ([['Notes', visit.notes]] as [string, string][]) : []),
  ];
  return {
    text: rows.map(([k, v]) => `${k}: ${v}`),
    html: html`<table>${rows.map(([k, v]) => html`<tr><td style="padding-right: 12px;"><strong>${k}</strong></td><td>${v}</td></tr>`)}</table>`,
  };
}

function visitEmail(ctx: TemplateContext, subject: string, intro: string, visit: VisitData, outro?: string): RenderedEmail {
  const d = details(visit, ctx);
  return layout(ctx, subject, {
    text: [intro, '', ...d.text, ...(outro ? ['', outro] : [])],
    html: html`<p>${intro}</p>${d.html}${outro ? html`<p>${outro}</p>` : ''}`,
  });
}

const INVITE = 'The attached invitation adds the visit to your calendar.';
const UPDATE = 'The attached invitation updates the visit in your calendar.';
const REMOVE = 'The attached cancellation removes the visit from your calendar.';

export const visitConfirmed = ({ visit }: TemplateData['visit-confirmed'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `Repair visit confirmed: ${when(visit.start, ctx)}`, 'Your repair visit is booked.', visit, INVITE);

export const visitRescheduled = ({ visit, previousStart }: TemplateData['visit-rescheduled'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `Repair visit moved to ${when(visit.start, ctx)}`, `Your repair visit has moved (it was ${when(previousStart, ctx)}).`, visit, UPDATE);

export const visitCancelled = ({ visit }: TemplateData['visit-cancelled'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `Repair visit cancelled: ${when(visit.start, ctx)}`, 'Your repair visit has been cancelled.', visit, REMOVE);

export const visitReminder = ({ visit }: TemplateData['visit-reminder'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `Reminder: repair visit ${when(visit.start, ctx)}`, 'A reminder: our technician visits you soon.', visit, 'Please make sure the appliance can be reached.');

export const technicianVisitAssigned = ({ visit }: TemplateData['technician-visit-assigned'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `New visit: ${when(visit.start, ctx)}`, 'A repair visit has been assigned to you.', visit, INVITE);

export const technicianVisitChanged = ({ visit, previousStart }: TemplateData['technician-visit-changed'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `Visit changed: ${when(visit.start, ctx)}`, `One of your visits has changed (it was ${when(previousStart, ctx)}).`, visit, UPDATE);

export const technicianVisitCancelled = ({ visit }: TemplateData['technician-visit-cancelled'], ctx: TemplateContext): RenderedEmail =>
  visitEmail(ctx, `Visit cancelled: ${when(visit.start, ctx)}`, 'One of your visits is no longer yours (cancelled or given to another technician).', visit, REMOVE);
