import { Injectable } from '@nestjs/common';
import { InvoicePdfs } from '../../invoicing/contracts/invoice-pdfs';
import { InvoiceDocuments, MailAttachment } from '../domain/notification.ports';

/** The order's VAT invoice (issued when it was paid) as the order-paid email's PDF attachment. */
@Injectable()
export class InvoicePdfAttachments extends InvoiceDocuments {
  constructor(private readonly invoices: InvoicePdfs) {
    super();
  }

  async forOrder(orderId: string): Promise<MailAttachment | null> {
    const invoice = await this.invoices.invoicePdf(orderId);
    return invoice ? { filename: `${invoice.number}.pdf`, contentType: 'application/pdf', content: invoice.pdf } : null;
  }
}
