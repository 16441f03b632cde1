import { TemplateData } from '../domain/notification';
import { html, layout, RenderedEmail, TemplateContext } from './layout';

export function welcome({ fullName }: TemplateData['welcome'], ctx: TemplateContext): RenderedEmail {
  return layout(ctx, `Welcome to ${ctx.storeName}`, {
    text: [`Hello ${fullName},`, '', `your account at ${ctx.storeName} is ready. You can order parts and book repair visits at ${ctx.storeUrl}.`],
    html: html`<p>Hello ${fullName},</p><p>your account at ${ctx.storeName} is ready. You can order parts and book repair visits at <a href="${ctx.storeUrl}">${ctx.storeUrl}</a>.</p>`,
  });
}
