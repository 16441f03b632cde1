import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { CurrentUser, OptionalAuth, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { StringField } from '../../../shared/presentation/fields';
import { UuidParam } from '../../../shared/presentation/validation';
import { InvoiceDocuments } from '../application/invoice-documents';
import { InvoicePdf } from '../contracts/invoice-pdfs';

const ORDER_TOKEN = { name: 'X-Order-Token', required: false, description: 'Guest orders: the accessToken returned at checkout' };
const PDF = { description: 'The document as a PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };

export class CreditNoteQueryDto {
  @StringField({ example: 'CN-000001', minLength: 4, maxLength: 20, pattern: /^CN-\d{6,}$/, optional: true, description: "One of the order's credit notes (default: the latest)" })
  readonly number?: string;
}

const pdfFile = (doc: InvoicePdf) => new StreamableFile(doc.pdf, { type: 'application/pdf', disposition: `inline; filename="${doc.number}.pdf"`, length: doc.pdf.length });

/** An order's invoice and credit notes as PDFs, for whoever may read the order. */
@ApiTags('orders')
@Controller('orders')
export class InvoicesController {
  constructor(private readonly documents: InvoiceDocuments) {}

  @Get(':id/invoice')
  @OptionalAuth()
  @ApiHeader(ORDER_TOKEN)
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getOrderInvoice', summary: "The order's VAT invoice (issued when it was paid) as a PDF" })
  @ApiProblems({ 409: 'The order has not been paid: no invoice was issued' })
  @ApiOkResponse(PDF)
  async getOrderInvoice(@UuidParam('id') id: string, @CurrentUser() actor: Actor | undefined, @RequestHeader('x-order-token') orderToken?: string): Promise<StreamableFile> {
    return pdfFile(await this.documents.invoice(id, { actor, orderToken }));
  }

  @Get(':id/credit-note')
  @OptionalAuth()
  @ApiHeader(ORDER_TOKEN)
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'getOrderCreditNote', summary: "A credit note of the order (one per refund) as a PDF" })
  @ApiProblems({ 404: 'The order does not exist for the caller, or has no (such) credit note' })
  @ApiOkResponse(PDF)
  async getOrderCreditNote(
    @UuidParam('id') id: string,
    @Query() query: CreditNoteQueryDto,
    @CurrentUser() actor: Actor | undefined,
    @RequestHeader('x-order-token') orderToken?: string,
  ): Promise<StreamableFile> {
    return pdfFile(await this.documents.creditNote(id, { actor, orderToken }, query.number));
  }
}
