const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * How deeply a JSON text nests objects and arrays, stopping as soon as `limit` is passed. One
 * pass over the bytes without parsing, so a hostile 800 KB body costs well under a millisecond
 * and no recursion happens anywhere; brackets inside strings do not count.
 */
export function jsonDepthExceeds(body: Buffer | string, limit: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}
