import { afterEach, describe, expect, it } from 'vitest';
import { setReloadedPathForTests, takeReloadFreshness } from './reload';

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
