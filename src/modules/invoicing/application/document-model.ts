/** What an invoice or credit note shows, already worded and in pence; a renderer only lays it out. */
export interface DocumentModel {
  title: 'VAT invoice' | 'Credit note';
  number: string;
  issuedAt: Date;
  currency: string;
  seller: { name: string; address: string; vatNumber?: string };
  /** The customer's lines: shipping address, or email. */
  billTo: string[];
  /** Order number, invoice credited, tax point... one line each. */
  references: string[];
  lines: { description: string; quantity: number; unitPrice: number; vatRate: number; vatAmount: number; amount: number }[];
  /** Subtotal, discount, shipping, total...: label and pence (negative for deductions). */
  totals: { label: string; amount: number; strong?: boolean }[];
  vatByRate: { rate: number; net: number; vat: number; gross: number }[];
  notes: string[];
}

/** Port: lays a document out as a PDF. */
export abstract class DocumentRenderer {
  abstract render(model: DocumentModel): Promise<Buffer>;
}

export const formatMoney = (pence: number, currency: string): string =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2 }).format(pence / 100);

export const formatDate = (date: Date): string => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
