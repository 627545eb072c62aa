import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_PAINT_DATA_ID, FIRST_PAINT_HISTORY_DATA_ID } from '../../../contract/first-paint';
import { testMember } from '../../test-support/test-fixtures';
import { takeFirstPaintHistory, takeFirstPaintMember } from './first-paint-data';

function carry(text: string, id = FIRST_PAINT_DATA_ID) {
  const element = document.createElement('script');
  element.type = 'application/json';
  element.id = id;
  element.textContent = text;
  document.body.append(element);
}

afterEach(() => {
  document.getElementById(FIRST_PAINT_DATA_ID)?.remove();
  document.getElementById(FIRST_PAINT_HISTORY_DATA_ID)?.remove();
});

describe("the member a deep link's page came with", () => {
  const ava = testMember('mber_demoAvaChen');

  it('is taken once, for its own id, as the API would have answered it', () => {
    carry(JSON.stringify(ava));
    expect(takeFirstPaintMember('mber_demoAvaChen')).toEqual(ava);
    expect(document.getElementById(FIRST_PAINT_DATA_ID)).toBeNull();
    expect(takeFirstPaintMember('mber_demoAvaChen')).toBeNull();
  });

  it("is not used for another member's page", () => {
    carry(JSON.stringify(ava));
    expect(takeFirstPaintMember('mber_demoWhale')).toBeNull();
  });

  it.each([
    ['not JSON', '{"id":'],
    ['not a member', JSON.stringify({ id: 'mber_demoAvaChen', usd_total_spent: 'lots' })],
  ])('is not used when it is %s: the page asks the API instead', (_, text) => {
    carry(text);
    expect(takeFirstPaintMember('mber_demoAvaChen')).toBeNull();
  });

  it('is none on a page without it', () => {
    expect(takeFirstPaintMember('mber_demoAvaChen')).toBeNull();
  });
});

describe("the history pages a deep link's page came with", () => {
  const empty = {
    memberships: { data: [], next_cursor: null },
    payments: { data: [], next_cursor: null },
    tokenTransactions: { data: [], next_cursor: 'c2' },
  };

  it('are taken once, as the API would have answered them', () => {
    carry(JSON.stringify(empty), FIRST_PAINT_HISTORY_DATA_ID);
    expect(takeFirstPaintHistory()).toEqual(empty);
    expect(document.getElementById(FIRST_PAINT_HISTORY_DATA_ID)).toBeNull();
    expect(takeFirstPaintHistory()).toBeNull();
  });

  it.each([
    ['not JSON', '{"payments":'],
    ['missing a list', JSON.stringify({ payments: empty.payments })],
    [
      'missing the memberships',
      JSON.stringify({ payments: empty.payments, tokenTransactions: empty.tokenTransactions }),
    ],
    [
      'not pages',
      JSON.stringify({
        memberships: empty.memberships,
        payments: { data: [{ id: 1 }], next_cursor: null },
        tokenTransactions: empty.tokenTransactions,
      }),
    ],
  ])('are not used when they are %s: the panels ask the API instead', (_, text) => {
    carry(text, FIRST_PAINT_HISTORY_DATA_ID);
    expect(takeFirstPaintHistory()).toBeNull();
    expect(document.getElementById(FIRST_PAINT_HISTORY_DATA_ID)).toBeNull();
  });
});
