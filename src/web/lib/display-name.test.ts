import { describe, expect, it } from 'vitest';
import type { Member } from '../../contract/member';
import { displayName } from './display-name';

describe('displayName', () => {
  it.each<[string, Member['user'], string]>([
    ['name', { id: 'u', username: 'x', name: 'X Y', email: null }, 'X Y'],
    ['blank name', { id: 'u', username: 'x', name: '   ', email: null }, '@x'],
    ['no user', null, 'Member without a user account'],
  ])('%s', (_label, user, expected) => {
    expect(displayName({ user })).toBe(expected);
  });
});
