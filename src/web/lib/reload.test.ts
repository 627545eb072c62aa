import { afterEach, describe, expect, it } from 'vitest';
import { reloadedPath, setReloadedPathForTests, takeReloadFreshness } from './reload';

afterEach(() => setReloadedPathForTests(null));

describe('takeReloadFreshness', () => {
  it('is false when the page was not reloaded', () => {
    expect(takeReloadFreshness('/members/mber_a1')).toBe(false);
  });

  it('is true once for the reloaded path, then false', () => {
    setReloadedPathForTests('/members/mber_a1');
    expect(takeReloadFreshness('/members/mber_a1')).toBe(true);
    expect(takeReloadFreshness('/members/mber_a1')).toBe(false);
  });

  it('is false for another path, and that does not use up the reload', () => {
    setReloadedPathForTests('/members/mber_a1');
    expect(takeReloadFreshness('/members/mber_b2')).toBe(false);
    expect(takeReloadFreshness('/members/mber_a1')).toBe(true);
  });
});

describe('reloadedPath', () => {
  it("is the reloaded document's own path, whatever the address bar says by now", () => {
    expect(reloadedPath({ type: 'reload', name: 'https://lookup.example/members/mber_a1' })).toBe('/members/mber_a1');
    expect(reloadedPath({ type: 'reload', name: 'https://lookup.example/' })).toBe('/');
  });

  it('is null for a first visit, a link followed, or back and forward', () => {
    for (const type of ['navigate', 'back_forward'] as const)
      expect(reloadedPath({ type, name: 'https://lookup.example/members/mber_a1' })).toBeNull();
    expect(reloadedPath(undefined)).toBeNull();
  });
});
