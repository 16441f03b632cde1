import { hasMixedScriptLocalPart, normalizeEmail, personKey } from './email';

describe('email identity', () => {
  it('normalizes case, spacing and width (NFKC)', () => {
    expect(normalizeEmail('  Ann.Smith@Example.COM ')).toBe('ann.smith@example.com');
    expect(normalizeEmail('ａｄｍｉｎ@ｅｘａｍｐｌｅ.ｃｏｍ')).toBe('admin@example.com');
  });

  it('keys a person without the +tag, so variants of one mailbox count together', () => {
    expect(personKey('Ann+deals@Example.com')).toBe('email:ann@example.com');
    expect(personKey('ann@example.com')).toBe('email:ann@example.com');
    expect(personKey('ａｎｎ＋x@example.com')).toBe('email:ann@example.com');
    expect(personKey('+only@example.com')).toBe('email:+only@example.com');
  });

  it('refuses local parts that mix scripts, not single-script ones', () => {
    expect(hasMixedScriptLocalPart('\u0430dmin@example.com')).toBe(true);
    expect(hasMixedScriptLocalPart('p\u0430yp\u0430l@example.com')).toBe(true);
    expect(hasMixedScriptLocalPart('\u03b1lpha@example.com')).toBe(true);
    expect(hasMixedScriptLocalPart('\u0438\u0432\u0430\u043d@example.com')).toBe(false);
    expect(hasMixedScriptLocalPart('j\u00fcrgen.m\u00fcller+1@example.de')).toBe(false);
    expect(hasMixedScriptLocalPart('\u5c71\u7530\u305f\u308d\u3046@example.jp')).toBe(false);
    expect(hasMixedScriptLocalPart('ann-2026@example.com')).toBe(false);
  });
});
