import type { ProductSearchCriteria } from '../application/catalog.views';
import { PHRASES } from '../../../../migrations/1765100000000-SearchPhrasePostings';
import { INDEXED_PHRASES, planSearch } from '../domain/search-terms';
import { pgQuery, postingsExactLimit, postingsSearchQuery, postingsTermOf, searchQuery, severalTermsOf, termsSearchQuery } from './product-search.query';

const criteria = (over: Partial<ProductSearchCriteria> = {}): ProductSearchCriteria => ({
  q: 'x',
  sort: 'relevance',
  status: 'active',
  page: 1,
  limit: 20,
  ...over,
});
const known = { meaningful: true, known: true, candidates: [] };
const termsOf = (...words: string[]) => planSearch(words, words.map(() => known)).terms;

describe('which searches product_terms answers', () => {
  it('answers one word, or one word with its synonyms, by relevance or by price within a category', () => {
    expect(postingsTermOf(criteria(), termsOf('drum'))).toEqual(['drum']);
    expect(postingsTermOf(criteria(), termsOf('seals'))).toEqual(['seal', 'gasket']);
    expect(postingsTermOf(criteria({ sort: 'price_asc', category: 'washer-parts', minPrice: 100 }), termsOf('drum'))).not.toBeNull();
    expect(postingsTermOf(criteria({ sort: 'price_desc', category: 'washer-parts' }), termsOf('drum'))).not.toBeNull();
  });

  it('looks a phrase up by its own postings, as a word', () => {
    expect(postingsTermOf(criteria(), termsOf('washer'))).toEqual(['washer', 'washing machine']);
    expect(postingsTermOf(criteria(), termsOf('washing', 'machines'))).toEqual(['washer', 'washing machine']);
  });

  it('keeps postings for exactly the phrases a search looks up', () => {
    expect([...INDEXED_PHRASES].sort()).toEqual([...PHRASES].sort());
    const looked = ['washer', 'dishwasher', 'freezer', 'microwave', 'tumble dryer'].flatMap((w) => postingsTermOf(criteria(), termsOf(...w.split(' '))) ?? []);
    expect(looked.filter((v) => v.includes(' ')).sort()).toEqual([...PHRASES].sort());
  });

  it('leaves several words, stock filters, inactive products and other sorts to the full-text index', () => {
    expect(postingsTermOf(criteria(), termsOf('drain', 'pump'))).toBeNull();
    expect(postingsTermOf(criteria({ inStock: true }), termsOf('drum'))).toBeNull();
    expect(postingsTermOf(criteria({ status: 'all' }), termsOf('drum'))).toBeNull();
    expect(postingsTermOf(criteria({ sort: 'newest' }), termsOf('drum'))).toBeNull();
    expect(postingsTermOf(criteria({ sort: 'price_asc' }), termsOf('drum'))).toBeNull();
  });

  it('starts several words from their counts per category, by relevance, a phrase as a variant of its term', () => {
    expect(severalTermsOf(criteria(), termsOf('drain', 'pump'))).toEqual([['drain'], ['pump']]);
    expect(severalTermsOf(criteria({ category: 'washer-parts', maxPrice: 900 }), termsOf('washer', 'seal'))).toEqual([
      ['washer', 'washing machine'],
      ['seal', 'gasket'],
    ]);
    expect(severalTermsOf(criteria(), termsOf('drum'))).toBeNull();
    // Words of a few products each: the GIN index intersects their short lists more cheaply.
    expect(severalTermsOf(criteria(), termsOf('drain', 'pump'), 299)).toBeNull();
    expect(severalTermsOf(criteria(), termsOf('drain', 'pump'), 300)).not.toBeNull();
    expect(severalTermsOf(criteria({ sort: 'price_asc', category: 'washer-parts' }), termsOf('drain', 'pump'))).toBeNull();
    expect(severalTermsOf(criteria({ inStock: true }), termsOf('drain', 'pump'))).toBeNull();
    expect(severalTermsOf(criteria({ status: 'all' }), termsOf('drain', 'pump'))).toBeNull();
  });

  it('counts exactly up to 1,000 for one word within filters, else up to 100', () => {
    expect(postingsExactLimit(criteria({ category: 'washer-parts' }))).toBe(1000);
    expect(postingsExactLimit(criteria({ maxPrice: 5000 }))).toBe(1000);
    expect(postingsExactLimit(criteria())).toBe(100);
  });

  it('names a prepared statement after its text', () => {
    const a = pgQuery({ text: 'SELECT 1', values: [], prepared: true });
    expect(a.name).toMatch(/^search_[0-9a-f]{20}$/);
    expect(pgQuery({ text: 'SELECT 1', values: [1], prepared: true }).name).toBe(a.name);
    expect(pgQuery({ text: 'SELECT 2', values: [], prepared: true }).name).not.toBe(a.name);
    expect(pgQuery({ text: 'SELECT 1', values: [] }).name).toBeUndefined();
  });

  it('plans a search of several words once for any words, and one word for its own', () => {
    const drumSeal = pgQuery(searchQuery(criteria(), 'drum & (seal | gasket)'));
    const pumpFilter = pgQuery(searchQuery(criteria(), 'pump & filter'));
    expect(drumSeal.name).toBeDefined();
    expect(pumpFilter.name).toBe(drumSeal.name);
    expect(drumSeal.values[0]).toBe('drum & (seal | gasket)');
    // The text is parsed once per execution (an InitPlan), never once per row checked.
    expect(drumSeal.text).not.toMatch(/(?<!SELECT )to_tsquery/);
    expect(pgQuery(searchQuery(criteria({ inStock: true }), 'drum')).name).toBeUndefined();
  });

  it('hides every value of a prepared statement from the planner, so that the plan made once is kept', () => {
    // A value the planner sees lets a plan for it look cheaper than the plan made once, and
    // PostgreSQL then plans every execution again (it did, for every postings search).
    const visible = (text: string) =>
      [...text.matchAll(/(.{0,40})\$\d+/g)].map((m) => m[0]).filter((use) => !/(\(SELECT (to_tsquery\('english', )?|slug = )\$\d+$/.test(use));
    const filtered = criteria({ sort: 'price_asc', category: 'washer-parts', minPrice: 1000, maxPrice: 5000, page: 2 });
    for (const statement of [
      postingsSearchQuery(filtered, ['drum']),
      postingsSearchQuery(criteria(), ['washer', 'washing machine']),
      postingsSearchQuery(criteria({ sort: 'relevance', category: 'washer-parts' }), ['drum']),
      searchQuery(filtered, 'drum & (seal | gasket)'),
      termsSearchQuery(criteria({ category: 'washer-parts', minPrice: 100, page: 3 }), [['washer', 'washing machine'], ['drum']]),
      termsSearchQuery(criteria(), [['drain'], ['pump']]),
      searchQuery(criteria({ minPrice: 100 }), 'pump & filter'),
    ]) {
      expect(statement.prepared).toBe(true);
      expect(visible(statement.text)).toEqual([]);
    }
    expect(visible(searchQuery(criteria({ minPrice: 100, inStock: true }), 'drum').text)).not.toEqual([]);
  });
});
