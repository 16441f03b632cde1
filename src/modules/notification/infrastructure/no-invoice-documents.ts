import { Injectable } from '@nestjs/common';
import { InvoiceDocuments, MailAttachment } from '../domain/notification.ports';

/** Until the shop issues invoices: the order-paid email goes without one. */
@Injectable()
export class NoInvoiceDocuments extends InvoiceDocuments {
  forOrder(): Promise<MailAttachment | null> {
    return Promise.resolve(null);
  }
}
