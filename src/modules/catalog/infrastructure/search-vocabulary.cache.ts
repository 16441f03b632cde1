import { NotifiedCache } from '../../../shared/infrastructure/notified-cache';
import type { WordLookup } from '../domain/search-terms';

/** The channel search_words_adjust() notifies whenever the vocabulary changes (migration SearchVocabularyNotify). */
export const SEARCH_VOCABULARY_CHANNEL = 'search_vocabulary';

/**
 * What the catalog's vocabulary says about each query word (known? nearest words?), remembered
 * in this process so that a search is one statement instead of two. Trusted only while the
 * listener is LISTENing: every change of `search_words` (a product written, a category renamed)
 * NOTIFYs at commit and the whole cache is dropped, in every process. While the listener is
 * down the cache is empty and bypassed. Entries also expire after a TTL, a safety net only.
 * A lookup that started before an invalidation is answered but not stored.
 *
 * This caches the correction step only (a few hundred words' neighbours), never search results.
 */
export class SearchVocabularyCache extends NotifiedCache<WordLookup> {
  /** The lookups of `words` (same order): cached ones from memory, the others with one call of `load`. */
  async lookup(words: readonly string[], load: (words: string[]) => Promise<WordLookup[]>): Promise<WordLookup[]> {
    if (!this.enabled) return load([...words]);
    const known = new Map<string, WordLookup>();
    for (const word of words) {
      const lookup = this.get(word);
      if (lookup) known.set(word, lookup);
    }
    const missing = [...new Set(words.filter((w) => !known.has(w)))];
    if (missing.length) {
      const loaded = await this.remember(
        () => load(missing),
        (lookups) => missing.map((word, i): [string, WordLookup] => [word, lookups[i]]),
      );
      missing.forEach((word, i) => known.set(word, loaded[i]));
    }
    return words.map((w) => known.get(w) as WordLookup);
  }
}
