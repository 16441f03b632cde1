export interface InvoicePdf {
  number: string;
  pdf: Buffer;
}

/**
 * The invoicing context's application API (notifications attach the invoice to the "order paid"
 * mail). No access check: for the system only, never for a caller's request.
 */
export abstract class InvoicePdfs {
  /** The order's invoice as a PDF; null while the order has none (unpaid). */
  abstract invoicePdf(orderId: string): Promise<InvoicePdf | null>;
}
