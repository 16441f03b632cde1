/** WinAnsi's characters beyond Latin-1 (Windows-1252 0x80-0x9F): pdfkit's standard fonts map them. */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters NFKD does not take apart (no combining mark) with a plain look-alike. */
const LOOK_ALIKES: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Œ: 'OE', œ: 'oe' };

const printable = (ch: string): boolean => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(ch);
};

/**
 * Text that pdfkit's built-in Helvetica (WinAnsi) prints as written. Outside WinAnsi it would write
 * the UTF-16 bytes as Latin-1 glyphs ("🚀" printed "Ø=Þ€"): a customer's or product's name on a VAT
 * invoice must never come out as garbage. Accents not in WinAnsi lose their mark ("ź" -> "z"),
 * a few letters take a look-alike ("Ł" -> "L"), anything else (CJK, emoji) prints "?", and invisible
 * format characters (bidi overrides, zero-width spaces) are dropped.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\n' || printable(ch)) out += ch;
    else if (/\p{Cf}/u.test(ch)) continue;
    else if (ch in LOOK_ALIKES && !CP1252_EXTRAS.has(ch)) out += LOOK_ALIKES[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(printable) ? base : '?';
    }
  }
  return out;
}
