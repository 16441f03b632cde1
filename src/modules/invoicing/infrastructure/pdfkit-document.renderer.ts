import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { DocumentModel, DocumentRenderer, formatDate, formatMoney } from '../application/document-model';
import { documentGlyphs, DOCUMENT_FONTS, printableText } from './printable-text';

const LEFT = 50;
const RIGHT = 545;
const BOTTOM = 780;
/** Columns of the lines table: x and width. */
const COLUMNS = { description: [LEFT, 215], quantity: [270, 35], unitPrice: [310, 70], vat: [385, 80], amount: [470, 75] } as const;

/**
 * PDFs with pdfkit in DejaVu Sans (embedded as a subset: names in any Latin, Greek or Cyrillic
 * script print as typed). Text the font cannot show is made printable first (printableText).
 */
@Injectable()
export class PdfkitDocumentRenderer extends DocumentRenderer {
  private readonly hasGlyph = documentGlyphs();

  render(model: DocumentModel): Promise<Buffer> {
    const doc = new PDFDocument({ size: 'A4', margin: LEFT, info: { Title: `${model.title} ${model.number}`, Author: model.seller.name } });
    doc.registerFont('Body', DOCUMENT_FONTS.regular);
    doc.registerFont('Bold', DOCUMENT_FONTS.bold);
    const printable = (text: string) => printableText(text, this.hasGlyph);
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const money = (pence: number) => formatMoney(pence, model.currency);
    // Every string is made printable: names and addresses are customers' free text.
    const write = doc.text.bind(doc);
    doc.text = ((text: string, ...rest: unknown[]) => (write as (...args: unknown[]) => PDFKit.PDFDocument)(printable(String(text)), ...rest)) as typeof doc.text;

    doc.font('Bold').fontSize(18).text(`${model.title} ${model.number}`, LEFT, 50);
    doc.font('Body').fontSize(10).text(`Date of issue: ${formatDate(model.issuedAt)}`);
    for (const reference of model.references) doc.text(reference);

    const top = 130;
    doc.font('Bold').text('From', LEFT, top);
    doc.font('Body').text(model.seller.name).text(model.seller.address, { width: 230 });
    if (model.seller.vatNumber) doc.text(`VAT registration number: ${model.seller.vatNumber}`);
    const sellerBottom = doc.y;
    doc.font('Bold').text('To', 320, top);
    doc.font('Body');
    for (const line of model.billTo) doc.text(line, 320, undefined, { width: 225 });

    let y = Math.max(doc.y, sellerBottom, 230) + 20;
    const row = (cells: Record<keyof typeof COLUMNS, string>, bold = false) => {
      doc.font(bold ? 'Bold' : 'Body');
      const height = doc.heightOfString(printable(cells.description), { width: COLUMNS.description[1] });
      if (y + height > BOTTOM) {
        doc.addPage();
        y = 50;
      }
      for (const [key, [x, width]] of Object.entries(COLUMNS)) {
        doc.text(cells[key as keyof typeof COLUMNS], x, y, { width, align: key === 'description' ? 'left' : 'right' });
      }
      y += height + 6;
    };
    row({ description: 'Description', quantity: 'Qty', unitPrice: 'Unit price', vat: 'VAT', amount: 'Amount' }, true);
    doc.moveTo(LEFT, y - 3).lineTo(RIGHT, y - 3).stroke();
    for (const l of model.lines) {
      row({ description: l.description, quantity: String(l.quantity), unitPrice: money(l.unitPrice), vat: `${l.vatRate}% ${money(l.vatAmount)}`, amount: money(l.amount) });
    }
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).stroke();
    y += 10;

    const summary = (text: string, bold = false) => {
      if (y > BOTTOM) {
        doc.addPage();
        y = 50;
      }
      doc.font(bold ? 'Bold' : 'Body').text(text, 300, y, { width: RIGHT - 300, align: 'right' });
      y = doc.y + 4;
    };
    for (const t of model.totals) summary(`${t.label}: ${money(t.amount)}`, t.strong);
    y += 10;
    summary('VAT summary', true);
    for (const r of model.vatByRate) summary(`VAT ${r.rate}% on ${money(r.net)}: ${money(r.vat)} (gross ${money(r.gross)})`);
    y += 10;
    doc.font('Body');
    for (const note of model.notes) {
      doc.text(note, LEFT, y, { width: RIGHT - LEFT });
      y = doc.y + 4;
    }
    doc.end();
    return done;
  }
}
