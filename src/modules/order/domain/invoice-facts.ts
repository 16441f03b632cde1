/** An order's invoice and credit notes, as the invoicing context issued them (read here for the order view). */
export interface InvoiceFacts {
  invoiceNumber: string | null;
  creditNotes: { number: string; amount: number; issuedAt: Date }[];
}

/** Read port: the invoice facts of some orders (one query for a page of them). */
export abstract class OrderInvoiceFacts {
  abstract of(orderIds: string[]): Promise<Map<string, InvoiceFacts>>;
}
