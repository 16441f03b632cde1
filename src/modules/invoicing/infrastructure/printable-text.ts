import { createRequire } from 'node:module';
import { openSync, type Font } from 'fontkit';

/** Letters NFKD does not take apart (no combining mark) with a plain look-alike. */
const LOOK_ALIKES: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Œ: 'OE', œ: 'oe' };

/**
 * The fonts invoices are printed in: DejaVu Sans (dejavu-fonts-ttf, embedded as a subset by
 * pdfkit), which covers Latin with every accent, Greek and Cyrillic, so customers' and products'
 * names print as typed. Read from node_modules: no network and no system fonts at run time.
 */
const fontPath = (file: string): string => createRequire(__filename).resolve(`dejavu-fonts-ttf/ttf/${file}`);
export const DOCUMENT_FONTS = { regular: fontPath('DejaVuSans.ttf'), bold: fontPath('DejaVuSans-Bold.ttf') } as const;

/**
 * Text that a font prints as written. A character the font has no glyph for would print as an
 * empty box: it loses its accent if the bare letter exists ("ǅ" -> "Dž" -> ...), takes a look-alike
 * ("Ł" -> "L") or else prints "?" (emoji, CJK). Invisible format characters (bidi overrides,
 * zero-width spaces) are dropped, so a name cannot reorder the text around it.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  const printable = (ch: string) => hasGlyph(ch.codePointAt(0)!);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\n') out += ch;
    else if (/\p{Cf}/u.test(ch) || /\p{Cc}/u.test(ch)) continue;
    else if (printable(ch)) out += ch;
    else if (ch in LOOK_ALIKES && [...LOOK_ALIKES[ch]].every(printable)) out += LOOK_ALIKES[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(printable) ? base : '?';
    }
  }
  return out;
}

/** What the regular and the bold face can both print (they cover the same characters). */
export function documentGlyphs(): (codePoint: number) => boolean {
  const faces = [DOCUMENT_FONTS.regular, DOCUMENT_FONTS.bold].map((path) => openSync(path) as Font);
  return (codePoint) => faces.every((face) => face.hasGlyphForCodePoint(codePoint));
}
