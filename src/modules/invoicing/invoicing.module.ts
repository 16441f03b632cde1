import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { DocumentRenderer } from './application/document-model';
import { InvoiceDocuments } from './application/invoice-documents';
import { IssueDocuments } from './application/issue-documents';
import { InvoicePdfs } from './contracts/invoice-pdfs';
import { InvoiceLedger } from './domain/invoice-ledger.port';
import { PdfkitDocumentRenderer } from './infrastructure/pdfkit-document.renderer';
import { PgInvoiceLedger } from './infrastructure/pg-invoice-ledger';
import { InvoicesController } from './presentation/invoices.controller';

/**
 * Invoices and credit notes: issued with gap-free numbers in the transaction that pays or
 * refunds an order, rendered as PDFs on request. Knows orders through the order contracts only.
 */
@Module({
  imports: [OrderModule],
  controllers: [InvoicesController],
  providers: [
    { provide: InvoiceLedger, useClass: PgInvoiceLedger },
    { provide: DocumentRenderer, useClass: PdfkitDocumentRenderer },
    IssueDocuments,
    InvoiceDocuments,
    { provide: InvoicePdfs, useExisting: InvoiceDocuments },
  ],
  exports: [InvoicePdfs],
})
export class InvoicingModule {}
