import type { WordLookup } from '../domain/search-terms';

/** The channel search_words_adjust() notifies whenever the vocabulary changes (migration SearchVocabularyNotify). */
export const SEARCH_VOCABULARY_CHANNEL = 'search_vocabulary';

interface Entry {
  lookup: WordLookup;
  expiresAt: number;
}

/**
 * What the catalog's vocabulary says about each query word (known? nearest words?), remembered
 * in this process so that a search is one statement instead of two. Trusted only while the
 * listener is LISTENing: every change of `search_words` (a product written, a category renamed)
 * NOTIFYs at commit and the whole cache is dropped, in every process. While the listener is
 * down the cache is empty and bypassed. Entries also expire after a TTL, a safety net only.
 * A lookup that started before an invalidation is answered but not stored (the epoch check).
 *
 * This caches the correction step only (a few hundred words' neighbours), never search results.
 */
export class SearchVocabularyCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;
  private live = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called by the listener: true once LISTEN is in place, false when its connection is lost. */
  setLive(live: boolean): void {
    this.clear();
    this.live = live;
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  /** The lookups of `words` (same order): cached ones from memory, the others with one call of `load`. */
  async lookup(
    words: readonly string[],
    load: (words: string[]) => Promise<WordLookup[]>,
  ): Promise<WordLookup[]> {
    if (!this.live || this.ttlMs <= 0) return load([...words]);
    const now = this.now();
    const known = new Map<string, WordLookup>();
    for (const word of words) {
      const entry = this.entries.get(word);
      if (entry && entry.expiresAt > now) known.set(word, entry.lookup);
      else if (entry) this.entries.delete(word);
    }
    const missing = [...new Set(words.filter((w) => !known.has(w)))];
    if (missing.length) {
      const epoch = this.epoch;
      const loaded = await load(missing);
      missing.forEach((word, i) => {
        known.set(word, loaded[i]);
        if (this.live && epoch === this.epoch) this.store(word, loaded[i], now);
      });
    }
    return words.map((w) => known.get(w) as WordLookup);
  }

  private store(word: string, lookup: WordLookup, now: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(word, { lookup, expiresAt: now + this.ttlMs });
  }
}
