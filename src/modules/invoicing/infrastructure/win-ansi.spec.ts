import { toWinAnsi } from './win-ansi';

describe('toWinAnsi', () => {
  it('keeps ASCII, Latin-1 and the Windows-1252 extras (£, €, curly quotes, dashes)', () => {
    expect(toWinAnsi('Zoë Brontë, 1 Rue Périer — £15.00 “net” €3 Œuvre')).toBe('Zoë Brontë, 1 Rue Périer — £15.00 “net” €3 Œuvre');
  });

  it('takes marks off letters WinAnsi lacks and uses look-alikes for the ones that have none', () => {
    expect(toWinAnsi('Łódź Ščepánek')).toBe('Lódz Šcepánek');
    expect(toWinAnsi('Dvořák ğ ı')).toBe('Dvorák g i');
  });

  it('prints ? for what has no WinAnsi form and drops invisible format characters', () => {
    expect(toWinAnsi('Pump 🚀 泵 Ω')).toBe('Pump ? ? ?');
    expect(toWinAnsi('a\u202Eb\u200Bc\u2066d')).toBe('abcd');
  });

  it('keeps line breaks (addresses)', () => {
    expect(toWinAnsi('1 High Street\nLondon')).toBe('1 High Street\nLondon');
  });
});
