import { areaKeysOf, coversPostcode, normalizePostcode, normalizeServiceAreas, postcodeInAddress } from './service-area';

describe('service areas', () => {
  it('normalizes postcodes and finds the one written in an address', () => {
    expect(normalizePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(postcodeInAddress('221B Baker Street, London nw1 6xe')).toBe('NW1 6XE');
    expect(() => postcodeInAddress('1 Test Street, London')).toThrow(/valid UK postcode/);
    expect(() => normalizePostcode('N1')).toThrow(/valid UK postcode/);
    expect(() => normalizePostcode('12345')).toThrow(/valid UK postcode/);
  });

  it('accepts areas and districts, normalized and deduplicated', () => {
    expect(normalizeServiceAreas(['n1', ' SW1A', 'n', 'N1'])).toEqual(['N', 'N1', 'SW1A']);
    expect(() => normalizeServiceAreas(['N1 1AA'])).toThrow(/not a UK postcode area/);
    expect(() => normalizeServiceAreas(['123'])).toThrow(/not a UK postcode area/);
  });

  it('covers a postcode by its outward code, district or area', () => {
    expect(areaKeysOf('SW1A 1AA')).toEqual(['SW1A', 'SW1', 'SW']);
    expect(coversPostcode(['N'], 'N1 1AA')).toBe(true);
    expect(coversPostcode(['N1'], 'N1 1AA')).toBe(true);
    expect(coversPostcode(['SW1'], 'SW1A 1AA')).toBe(true);
    expect(coversPostcode(['N1'], 'N19 5AA')).toBe(false);
    expect(coversPostcode(['NW'], 'N1 1AA')).toBe(false);
    expect(coversPostcode([], 'N1 1AA')).toBe(false);
  });
});
