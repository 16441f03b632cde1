import { VerifiedClaims, VerifiedTokens } from './verified-tokens';

const claims = (exp: number): VerifiedClaims => ({ sub: 'u-alice', sid: 's-1', role: 'customer', iat: exp - 900, exp });

describe('VerifiedTokens', () => {
  let now = 0;
  beforeEach(() => (now = 1_000_000));

  it('answers a remembered token until the second its exp names, and not from then on', () => {
    const tokens = new VerifiedTokens(10, () => now);
    const c = claims(1_000 + 60);
    tokens.remember('token-a', c);
    expect(tokens.get('token-a')).toBe(c);
    expect(tokens.get('token-b')).toBeUndefined();
    now = 1_060_000 - 1;
    expect(tokens.get('token-a')).toBe(c);
    now = 1_060_000;
    expect(tokens.get('token-a')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('does not remember a token that has already expired', () => {
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('token-a', claims(1_000));
    expect(tokens.get('token-a')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most maxEntries tokens, dropping the least recently used', () => {
    const tokens = new VerifiedTokens(2, () => now);
    tokens.remember('token-a', claims(2_000));
    tokens.remember('token-b', claims(2_000));
    tokens.get('token-a');
    tokens.remember('token-c', claims(2_000));
    expect(tokens.size).toBe(2);
    expect(tokens.get('token-b')).toBeUndefined();
    expect(tokens.get('token-a')).toBeDefined();
    expect(tokens.get('token-c')).toBeDefined();
  });
});
