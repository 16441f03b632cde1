import { documentGlyphs, printableText } from './printable-text';

const inDocumentFont = (text: string) => printableText(text, documentGlyphs());

describe('printableText in the invoice font (DejaVu Sans)', () => {
  it('keeps Latin with every accent, Greek, Cyrillic, £, € and typographic punctuation as typed', () => {
    const text = 'Zoë Dvořák, Łódź Ščepánek, Ωmega, Иван Петров — £15.00 “net” €3 Œuvre';
    expect(inDocumentFont(text)).toBe(text);
  });

  it('prints ? for what the font cannot show (emoji, CJK) and drops invisible format characters', () => {
    expect(inDocumentFont('Pump 🚀 泵')).toBe('Pump ? ?');
    expect(inDocumentFont('a\u202Eb\u200Bc\u2066d\u0007e')).toBe('abcde');
  });

  it('falls back to the bare letter or a look-alike when a font lacks the accented form', () => {
    const latin1Only = (cp: number) => cp >= 0x20 && cp <= 0xff;
    expect(printableText('Łódź Dvořák ı', latin1Only)).toBe('Lódz Dvorák i');
  });

  it('keeps line breaks (addresses)', () => {
    expect(inDocumentFont('1 High Street\nLondon')).toBe('1 High Street\nLondon');
  });
});
