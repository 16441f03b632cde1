/**
 * How a shopper's query becomes a full-text query: split into words, each unknown word corrected
 * against the catalog's vocabulary, appliance words expanded to their synonyms, every word
 * matched on its own (all words must match, each through any of its variants).
 *
 * Pure rules, no database: the vocabulary lookup is the caller's (one query for all words).
 */

/** Groups of words and phrases a shopper uses for the same thing; the first is the usual name. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['washer', 'washing machine'],
  ['dryer', 'tumble dryer', 'drier'],
  ['fridge', 'refrigerator'],
  ['freezer', 'deep freeze'],
  ['oven', 'cooker'],
  ['hob', 'cooktop', 'stove'],
  ['dishwasher', 'dish washer'],
  ['microwave', 'microwave oven'],
  ['seal', 'gasket'],
];

export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/**
 * Lower-case words of letters or digits; anything else separates words. A hyphenated word
 * ("anti-vibration") comes whole, then its parts ("anti", "vibration"): the search looks for the
 * whole when the catalog uses it (full text keeps it as a word of its own), else for the parts
 * (planSearch). At most MAX_QUERY_WORDS in all; a word that would go past it is left out with
 * everything after it.
 */
export function queryWords(q: string): string[] {
  const words: string[] = [];
  for (const token of q.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) {
    const parts = token.split(/-+/).filter((w) => w.length > 0 && w.length <= MAX_WORD_LENGTH);
    const whole = parts.join('-');
    const entry = parts.length > 1 && whole.length <= MAX_WORD_LENGTH ? [whole, ...parts] : parts;
    if (words.length + entry.length > MAX_QUERY_WORDS) break;
    words.push(...entry);
  }
  return words;
}

/** A hyphenated word of queryWords, followed there by its parts. */
const isCompound = (word: string): boolean => word.includes('-');

/** "seals" and "seal", "fridges" and "fridge" name the same dictionary entry. */
const singular = (word: string): string =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

/** `outer` holds all of `inner`'s words in order ("microwave oven" holds "microwave"). */
const holds = (outer: readonly string[], inner: readonly string[]): boolean =>
  outer.length > inner.length && outer.some((_, k) => inner.every((w, j) => outer[k + j] === w));

/**
 * A group's variants for the full-text query. A variant holding another ("microwave oven",
 * "tumble dryer") matches nothing the other does not: it is left out, so that the query stays
 * one word where it can and the catalog keeps postings for no such phrase.
 */
const searchedVariants = (group: readonly string[]): string[][] => {
  const all = group.map((variant) => variant.split(' '));
  return all.filter((variant) => !all.some((other) => holds(variant, other)));
};

const PHRASES: { words: string[]; variants: string[][] }[] = SYNONYM_GROUPS.flatMap((group) =>
  group.map((phrase) => ({ words: phrase.split(' '), variants: searchedVariants(group) })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * The phrases a search looks up as terms of their own (variants of several words that hold no
 * other variant of their group): the catalog keeps their postings like a word's (migration
 * SearchPhrasePostings1765100000000, whose list a spec holds equal to this one).
 */
export const INDEXED_PHRASES: readonly string[] = [
  ...new Set(
    SYNONYM_GROUPS.flatMap((group) =>
      searchedVariants(group)
        .filter((v) => v.length > 1)
        .map((v) => v.join(' ')),
    ),
  ),
];

/** Every word of the synonym dictionary: known even when no product uses it yet. */
export const DICTIONARY_WORDS: ReadonlySet<string> = new Set(
  SYNONYM_GROUPS.flatMap((g) => g.flatMap((p) => p.split(' '))),
);

/** What the vocabulary says about one query word. */
export interface WordLookup {
  /** False for a stop word ("the", "for"), which full text ignores anyway. */
  meaningful: boolean;
  /** Some product uses a word with the same stem ("pumps" -> "pump"). */
  known: boolean;
  /** The nearest vocabulary words by trigram distance, nearest first, with how many products use each. */
  candidates: { word: string; products: number }[];
  /** How many products use the word's stem (the most of its forms' counts; 0 when unknown). */
  products?: number;
}

/** Edits allowed to correct a word: one for short words, two from 5 letters, three from 9. */
export function allowedEdits(word: string): number {
  if (word.length <= 4) return 1;
  return word.length <= 8 ? 2 : 3;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The correction of an unknown word: the candidate (vocabulary or dictionary word) with the
 * fewest edits within the allowance, then the one more products use; null when none is close.
 */
export function correctWord(
  word: string,
  candidates: readonly { word: string; products: number }[],
): string | null {
  const pool = [...candidates, ...[...DICTIONARY_WORDS].map((w) => ({ word: w, products: 0 }))];
  let best: { word: string; edits: number; products: number } | null = null;
  for (const c of pool) {
    const edits = editDistance(word, c.word);
    if (edits > allowedEdits(word) || edits >= c.word.length) continue;
    if (!best || edits < best.edits || (edits === best.edits && c.products > best.products))
      best = { word: c.word, edits, products: c.products };
  }
  return best?.word ?? null;
}

export interface SearchPlan {
  /** The words searched for after correction, in query order (what a "did you mean" would show). */
  words: string[];
  /**
   * The terms that must all match, each a list of variants (synonyms), each variant one word or
   * a phrase (its words in order): [[["drum"]]], [[["washer"], ["washing", "machine"]], [["seal"], ["gasket"]]].
   */
  terms: string[][][];
  /** A to_tsquery text: every term must match, each through any of its variants; null = nothing to search. */
  tsquery: string | null;
}

/**
 * Builds the full-text query from the query's words and their lookups (same order). Unknown
 * words are corrected or, when nothing is close, left out: the other words still find products.
 */
export function planSearch(words: readonly string[], lookups: readonly WordLookup[]): SearchPlan {
  const corrected: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const [word, lookup] = [words[i], lookups[i]];
    if (isCompound(word)) {
      // Used by the catalog: searched whole, its parts (next in `words`) skipped; else the parts are searched.
      if (lookup.known) {
        corrected.push(word);
        i += word.split('-').length;
      }
    } else if (/\p{N}/u.test(word) || DICTIONARY_WORDS.has(singular(word))) corrected.push(word);
    else if (!lookup.meaningful) continue;
    else if (lookup.known) corrected.push(word);
    else {
      const correction = correctWord(word, lookup.candidates);
      if (correction) corrected.push(correction);
    }
  }
  const terms: string[][][] = [];
  for (let i = 0; i < corrected.length;) {
    const phrase = PHRASES.find((p) =>
      p.words.every((w, k) => corrected[i + k] !== undefined && singular(corrected[i + k]) === w),
    );
    const term = phrase ? phrase.variants : [[corrected[i]]];
    // A term said twice ("door door", "washing machine washer") asks nothing more of a product.
    if (!terms.some((t) => JSON.stringify(t) === JSON.stringify(term))) terms.push(term);
    i += phrase ? phrase.words.length : 1;
  }
  const text = (variants: string[][]) => {
    const each = variants.map((v) => v.join(' <-> '));
    return each.length > 1 ? `(${each.join(' | ')})` : each[0];
  };
  return { words: corrected, terms, tsquery: terms.length ? terms.map(text).join(' & ') : null };
}
