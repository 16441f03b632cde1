import { correctWord, editDistance, planSearch, queryWords, WordLookup } from './search-terms';

const known: WordLookup = { meaningful: true, known: true, candidates: [] };
const stopWord: WordLookup = { meaningful: false, known: false, candidates: [] };
const unknown = (...candidates: [string, number][]): WordLookup => ({
  meaningful: true,
  known: false,
  candidates: candidates.map(([word, products]) => ({ word, products })),
});

describe('search terms', () => {
  it('splits a query into lower-case words of letters or digits', () => {
    expect(queryWords('  Drain Pump, for BOSCH  wm14 ')).toEqual(['drain', 'pump', 'for', 'bosch', 'wm14']);
    expect(queryWords("'&|!():*<>")).toEqual([]);
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('gives a hyphenated word whole, then its parts, and keeps within 8 words', () => {
    expect(queryWords('Anti-Vibration pads')).toEqual(['anti-vibration', 'anti', 'vibration', 'pads']);
    expect(queryWords('--non--stick-- pan -')).toEqual(['non-stick', 'non', 'stick', 'pan']);
    expect(queryWords('a b c d e f-g-h')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('searches a hyphenated word whole when the catalog uses it, else its parts', () => {
    const words = ['anti-vibration', 'anti', 'vibraton', 'pads'];
    expect(planSearch(words, [known, known, unknown(['vibration', 30]), known])).toMatchObject({
      words: ['anti-vibration', 'pads'],
      tsquery: 'anti-vibration & pads',
    });
    expect(planSearch(words, [unknown(), known, unknown(['vibration', 30]), known])).toMatchObject({
      words: ['anti', 'vibration', 'pads'],
      tsquery: 'anti & vibration & pads',
    });
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('drian', 'drain')).toBe(1);
    expect(editDistance('headphnes', 'headphones')).toBe(1);
    expect(editDistance('pump', 'pump')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('corrects to the closest candidate within the allowance, the more used one on a tie', () => {
    expect(
      correctWord('drian', [
        { word: 'drain', products: 10 },
        { word: 'drum', products: 50 },
      ]),
    ).toBe('drain');
    expect(
      correctWord('hing', [
        { word: 'hinge', products: 3 },
        { word: 'ring', products: 9 },
      ]),
    ).toBe('ring');
    expect(correctWord('xqzvk', [{ word: 'pump', products: 10 }])).toBeNull();
    // dictionary words are candidates even when no product uses them
    expect(correctWord('refridgerator', [])).toBe('refrigerator');
  });

  it('keeps known words, corrects unknown ones, drops stop words and what nothing is close to', () => {
    const plan = planSearch(
      ['drian', 'pump', 'for', 'xqzvk'],
      [unknown(['drain', 5]), known, stopWord, unknown(['pump', 7])],
    );
    expect(plan).toEqual({ words: ['drain', 'pump'], terms: [[['drain']], [['pump']]], tsquery: 'drain & pump' });
    expect(planSearch(['zeppelin'], [unknown(['seal', 3])])).toEqual({ words: [], terms: [], tsquery: null });
  });

  it('expands appliance words and phrases to every synonym, plurals included', () => {
    expect(planSearch(['washer'], [known]).tsquery).toBe('(washer | washing <-> machine)');
    const washerSeal = planSearch(['washing', 'machines', 'seal'], [known, known, known]);
    expect(washerSeal.tsquery).toBe('(washer | washing <-> machine) & (seal | gasket)');
    expect(washerSeal.terms).toEqual([
      [['washer'], ['washing', 'machine']],
      [['seal'], ['gasket']],
    ]);
    expect(planSearch(['fridges'], [known]).tsquery).toBe('(fridge | refrigerator)');
    expect(planSearch(['cooker'], [unknown()]).tsquery).toBe('(oven | cooker)');
  });

  it('leaves out a synonym that holds another: a microwave oven is a microwave, a tumble dryer a dryer', () => {
    expect(planSearch(['tumble', 'dryer'], [known, known]).tsquery).toBe('(dryer | drier)');
    expect(planSearch(['microwave'], [known]).tsquery).toBe('microwave');
    expect(planSearch(['microwave', 'oven', 'door'], [known, known, known]).terms).toEqual([[['microwave']], [['door']]]);
  });

  it('searches a term said twice once: a product holds it or not', () => {
    expect(planSearch(['door', 'door'], [known, known]).tsquery).toBe('door');
    expect(planSearch(['washer', 'washing', 'machine', 'door'], [known, known, known, known]).terms).toEqual([
      [['washer'], ['washing', 'machine']],
      [['door']],
    ]);
  });

  it('keeps words with digits (model numbers) as they are', () => {
    expect(planSearch(['wm14', 'pump'], [unknown(), known]).tsquery).toBe('wm14 & pump');
  });
});
