import { jsonDepthExceeds } from './json-depth';

describe('jsonDepthExceeds', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('counts objects and arrays together and allows exactly the limit', () => {
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{"c":[]}]}}', 4)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{"c":[]}]}}', 5)).toBe(false);
  });

  it('ignores brackets inside strings, also after escaped quotes', () => {
    expect(jsonDepthExceeds(JSON.stringify({ password: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'say \\"[[[[\\" and "{{{{"' }), 1)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\\\",${'['.repeat(3)}1${']'.repeat(3)}}`, 3)).toBe(true);
  });

  it('stops early on a 400,000-deep body', () => {
    expect(jsonDepthExceeds(Buffer.from(nested(400_000)), 32)).toBe(true);
  });
});
