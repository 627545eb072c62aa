import { describe, expect, it } from 'vitest';
import { arrivedWhole, type InputChange, submitTarget } from './search-assist';

describe('arrivedWhole', () => {
  it.each<[InputChange, string]>([
    [{ inputType: 'insertFromPaste', data: null }, 'a paste'],
    [{ inputType: 'insertFromDrop', data: null }, 'a drop'],
    [{ inputType: 'insertReplacementText', data: null }, 'autocomplete'],
    [{ inputType: 'insertText', data: 'mber_abc123' }, 'text set in one go (a script, an IME)'],
  ])('is true for %j (%s): the id is fetched on that input event', (change, _what) => {
    expect(arrivedWhole(change)).toBe(true);
  });

  it.each<[InputChange, string]>([
    [{ inputType: 'insertText', data: 'c' }, 'one key'],
    [{ inputType: 'deleteContentBackward', data: null }, 'Backspace'],
    [{ inputType: 'deleteByCut', data: null }, 'a cut'],
    [{}, 'an event that says nothing'],
  ])('is false for %j (%s): typing waits for a pause, as every prefix of an id is an id', (change, _what) => {
    expect(arrivedWhole(change)).toBe(false);
  });
});

describe('submitTarget', () => {
  it('sends a member id to the member and anything else valid to the search', () => {
    expect(submitTarget(' mber_abc123 ')).toMatchObject({ ok: true, path: '/members/mber_abc123' });
    expect(submitTarget('ava@example.com')).toMatchObject({ ok: true, path: '/search?q=ava%40example.com' });
    expect(submitTarget('biz_abc')).toMatchObject({ ok: false });
  });
});
