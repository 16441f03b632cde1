import { Actor } from '../../../shared/domain/actor';
import { ActorCache } from './actor-cache';

const alice: Actor = { userId: 'u-alice', sessionId: 's-1', role: 'customer' };
const load = (actor: Actor | null) => jest.fn(async () => actor);

describe('ActorCache', () => {
  let now = 0;
  const cache = () => {
    const c = new ActorCache(30_000, 2, () => now);
    c.setLive(true);
    return c;
  };
  beforeEach(() => (now = 1_000));

  it('answers from memory after the first lookup, until the TTL', async () => {
    const c = cache();
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
    await c.remember('s-1', load(alice));
    expect(c.get('s-1', 'u-alice')).toEqual(alice);
    expect(c.get('s-1', 'u-mallory')).toBeUndefined();
    await c.remember('s-1', load(alice));
    now += 30_000;
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
  });

  it('forgets a session or every session of a user on their notifications', async () => {
    const c = cache();
    await c.remember('s-1', load(alice));
    c.apply('session:s-1');
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
    await c.remember('s-1', load(alice));
    c.apply('user:u-alice');
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
  });

  it('does not store a lookup that an invalidation overtook', async () => {
    const c = cache();
    await c.remember('s-1', async () => {
      c.apply('session:s-1');
      return alice;
    });
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
  });

  it('is empty and unused while the listener is not connected, and never stores a refusal', async () => {
    const c = new ActorCache(30_000, 10, () => now);
    await c.remember('s-1', load(alice));
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
    c.setLive(true);
    await c.remember('s-1', load(alice));
    c.setLive(false);
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
    c.setLive(true);
    await c.remember('s-2', load(null));
    expect(c.get('s-2', 'u-alice')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const c = cache();
    for (const sid of ['s-1', 's-2', 's-3']) await c.remember(sid, load({ ...alice, sessionId: sid }));
    expect(c.get('s-1', 'u-alice')).toBeUndefined();
    expect(c.get('s-3', 'u-alice')).toEqual({ ...alice, sessionId: 's-3' });
  });
});
