export type DocumentKind = 'invoice' | 'credit_note';

const PREFIX: Record<DocumentKind, string> = { invoice: 'INV', credit_note: 'CN' };

/** INV-000001, CN-000042: six digits at least, more once the counter passes 999,999. */
export const documentNumber = (kind: DocumentKind, seq: number): string => `${PREFIX[kind]}-${String(seq).padStart(6, '0')}`;
