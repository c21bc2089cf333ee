import { expect, it } from 'vitest';
import { isObj, num, str } from '../../../../scripts/lib/analysis/trace/json-fields.js';

it('reads an object, a non-blank string or number as text, a finite number or a string of one', () => {
  expect([{}, [], null, 'x'].map(isObj)).toEqual([true, false, false, false]);
  expect([' id ', '  ', 7, null].map(str)).toEqual([' id ', null, '7', null]);
  expect(['0.5', ' ', 'x', Number.NaN, 3].map(num)).toEqual([0.5, null, null, null, 3]);
});
