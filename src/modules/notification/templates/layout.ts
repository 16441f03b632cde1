import { DateTime } from 'luxon';

/** What every template may use besides its own data. */
export interface TemplateContext {
  storeName: string;
  storeUrl: string;
  /** Times are shown in the store's time zone (STORE_TIMEZONE). */
  timeZone: string;
  /** Guest orders only: the token to read and pay the order with. */
  guestAccessToken?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** HTML that is already escaped (or built with `html`); anything else interpolated is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Tagged template: every interpolated value is escaped unless it is SafeHtml (or a list of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const part = (v: unknown): string => (v instanceof SafeHtml ? v.value : Array.isArray(v) ? v.map(part).join('') : v === null || v === undefined ? '' : escapeHtml(v));
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

export function money(pence: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(pence / 100);
}

/** e.g. "Tuesday 1 December 2026, 09:00 GMT" in the store's zone. */
export function when(iso: string, ctx: TemplateContext): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(ctx.timeZone).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm ZZZZ');
}

/** The email around a template's body: the same header and footer for every message. */
export function layout(ctx: TemplateContext, subject: string, body: { text: string[]; html: SafeHtml }): RenderedEmail {
  const text = [...body.text, '', `-- ${ctx.storeName}`, ctx.storeUrl, ''].join('\n');
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; color: #222; max-width: 600px; margin: 0 auto;">
<h2 style="border-bottom: 1px solid #ddd; padding-bottom: 8px;">${ctx.storeName}</h2>
${body.html}
<p style="color: #777; font-size: 12px; margin-top: 32px;"><a href="${ctx.storeUrl}">${ctx.storeName}</a></p>
</body></html>
`;
  return { subject, text, html: page.value };
}
