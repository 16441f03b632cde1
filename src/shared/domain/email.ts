/**
 * Emails as identities. `normalizeEmail` is the account's address: trimmed, Unicode NFKC (so
 * fullwidth `ａｄｍｉｎ` is `admin`), lower case; uniqueness and sign-in use it. `personKey` is
 * who the address belongs to for limits (a discount's per-customer limit, unpaid-order caps):
 * the normalized address without a `+tag` in its local part, since `ann+1@` and `ann@` reach the
 * same mailbox on every major provider. Accounts themselves stay distinct per exact address.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export function personKey(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  if (at <= 0) return `email:${normalized}`;
  const local = normalized.slice(0, at).split('+')[0] || normalized.slice(0, at);
  return `email:${local}@${normalized.slice(at + 1)}`;
}

// Scripts whose letters look like Latin ones; Han, kana and Hangul are one group (Japanese
// names mix them legitimately).
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
];

/**
 * True when the local part mixes letters of two scripts, like `pаypal` with a Cyrillic `а`:
 * such an address imitates another one, and nobody needs it for a real mailbox.
 */
export function hasMixedScriptLocalPart(email: string): boolean {
  const local = normalizeEmail(email).split('@')[0] ?? '';
  const seen = new Set<string>();
  for (const char of local) {
    if (!/\p{L}/u.test(char)) continue;
    seen.add(SCRIPTS.find(([, re]) => re.test(char))?.[0] ?? 'Other');
    if (seen.size > 1) return true;
  }
  return false;
}
