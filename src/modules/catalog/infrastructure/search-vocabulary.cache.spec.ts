import type { WordLookup } from '../domain/search-terms';
import { SearchVocabularyCache } from './search-vocabulary.cache';

const lookupOf = (word: string): WordLookup => ({ meaningful: true, known: word !== 'drian', candidates: [{ word, products: 1 }] });

describe('SearchVocabularyCache', () => {
  let now = 1_000;
  const loads: string[][] = [];
  const load = async (words: string[]) => {
    loads.push(words);
    return words.map(lookupOf);
  };
  const live = () => {
    const c = new SearchVocabularyCache(60_000, 100, () => now);
    c.setLive(true);
    return c;
  };
  beforeEach(() => {
    now = 1_000;
    loads.length = 0;
  });

  it('loads only the words it has not seen, once each, and answers in the query order', async () => {
    const c = live();
    expect(await c.lookup(['drian', 'pump'], load)).toEqual([lookupOf('drian'), lookupOf('pump')]);
    expect(await c.lookup(['pump', 'seal', 'seal', 'drian'], load)).toEqual(['pump', 'seal', 'seal', 'drian'].map(lookupOf));
    expect(loads).toEqual([['drian', 'pump'], ['seal']]);
  });

  it('forgets everything on a vocabulary change, and after the TTL', async () => {
    const c = live();
    await c.lookup(['pump'], load);
    c.clear();
    await c.lookup(['pump'], load);
    now += 60_000;
    await c.lookup(['pump'], load);
    expect(loads).toEqual([['pump'], ['pump'], ['pump']]);
  });

  it('does not store a lookup that a change overtook, nor anything while the listener is down', async () => {
    const c = live();
    await c.lookup(['pump'], async (words) => {
      c.clear();
      return load(words);
    });
    await c.lookup(['pump'], load);
    c.setLive(false);
    await c.lookup(['seal'], load);
    await c.lookup(['seal'], load);
    expect(loads).toEqual([['pump'], ['pump'], ['seal'], ['seal']]);
  });
});
