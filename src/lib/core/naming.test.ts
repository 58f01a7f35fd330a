import { describe, expect, it } from 'vitest';
import {
  isCamelCase,
  isIdentifier,
  isPascalCase,
  isSnakeCase,
  isSqlKeyword,
  toCamelCase,
  toConstantCase,
  toPascalCase,
  toSnakeCase,
  uniqueName,
  words,
} from './naming';

describe('words', () => {
  it.each([
    ['dueDate', ['due', 'date']],
    ['DueDate', ['due', 'date']],
    ['due-date', ['due', 'date']],
    ['Due Date', ['due', 'date']],
    ['DUE_DATE', ['due', 'date']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['userID', ['user', 'id']],
    ['version2Name', ['version2', 'name']],
    ['  --spaced__out--  ', ['spaced', 'out']],
    ['', []],
  ])('%j → %j', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });
});

describe('toSnakeCase', () => {
  it.each([
    ['dueDate', 'due_date'],
    ['DueDate', 'due_date'],
    ['due-date', 'due_date'],
    ['Due Date', 'due_date'],
    ['DUE_DATE', 'due_date'],
    ['due_date', 'due_date'],
    ['userID', 'user_id'],
    ['XMLHttpRequest', 'xml_http_request'],
    ['HTMLParser', 'html_parser'],
    ['  spaced   out  ', 'spaced_out'],
    ['__private__', 'private'],
    ['version2Name', 'version2_name'],
    ['2fa code', 'n_2fa_code'],
    ['42', 'n_42'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });
});

describe('toCamelCase', () => {
  it.each([
    ['due_date', 'dueDate'],
    ['due-date', 'dueDate'],
    ['Due Date', 'dueDate'],
    ['DUE_DATE', 'dueDate'],
    ['dueDate', 'dueDate'],
    ['DueDate', 'dueDate'],
    ['user_id', 'userId'],
    ['userID', 'userId'],
    ['created_at', 'createdAt'],
    ['XMLHttpRequest', 'xmlHttpRequest'],
    ['Example items', 'exampleItems'],
    ['step_2_done', 'step2Done'],
    ['1st_place', 'n1stPlace'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toCamelCase(input)).toBe(expected);
  });
});

describe('toPascalCase', () => {
  it.each([
    ['task_status', 'TaskStatus'],
    ['task-status', 'TaskStatus'],
    ['taskStatus', 'TaskStatus'],
    ['Task Status', 'TaskStatus'],
    ['TASK_STATUS', 'TaskStatus'],
    ['HTTP status', 'HttpStatus'],
    ['3d model', 'N3dModel'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toPascalCase(input)).toBe(expected);
  });
});

describe('toConstantCase', () => {
  it.each([
    ['to do', 'TO_DO'],
    ['to_do', 'TO_DO'],
    ['in_progress', 'IN_PROGRESS'],
    ['inProgress', 'IN_PROGRESS'],
    ['on-hold', 'ON_HOLD'],
    ['HTTPError', 'HTTP_ERROR'],
    ['done', 'DONE'],
    ['2nd', 'V_2ND'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toConstantCase(input)).toBe(expected);
  });
});

describe('case predicates', () => {
  it('isSnakeCase', () => {
    expect(['due_date', 'a', 'v2', 'step_2'].map(isSnakeCase)).toEqual([true, true, true, true]);
    expect(['dueDate', 'Due_date', 'due__date', '_due', 'due_', '2due', ''].map(isSnakeCase)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('isCamelCase', () => {
    expect(['dueDate', 'a', 'userId2'].map(isCamelCase)).toEqual([true, true, true]);
    expect(['DueDate', 'due_date', '2due', ''].map(isCamelCase)).toEqual([false, false, false, false]);
  });

  it('isPascalCase', () => {
    expect(['TaskStatus', 'A', 'Http2'].map(isPascalCase)).toEqual([true, true, true]);
    expect(['taskStatus', 'Task_Status', '2Task', ''].map(isPascalCase)).toEqual([false, false, false, false]);
  });
});

describe('isSqlKeyword', () => {
  it.each(['select', 'SELECT', 'Select', 'order', 'ORDER', 'group', 'Index', 'references', 'current_timestamp'])(
    '%j is a keyword',
    (word) => {
      expect(isSqlKeyword(word)).toBe(true);
    },
  );

  it.each(['status', 'title', 'user', 'user_id', 'orders', 'selected', ''])('%j is not a keyword', (word) => {
    expect(isSqlKeyword(word)).toBe(false);
  });
});

describe('isIdentifier', () => {
  it.each(['userId', '_private', '$store', 'a1', 'A', 'snake_case'])('%j is an identifier', (name) => {
    expect(isIdentifier(name)).toBe(true);
  });

  it.each(['1a', 'due-date', 'due date', '', 'café', 'a.b'])('%j is not an identifier', (name) => {
    expect(isIdentifier(name)).toBe(false);
  });
});

describe('uniqueName', () => {
  it('returns the base when it is free', () => {
    expect(uniqueName('column', () => false)).toBe('column');
  });

  it('appends the first free number from 2, joined by "_"', () => {
    const taken = new Set(['column', 'column_2', 'column_3']);
    expect(uniqueName('column', (n) => taken.has(n))).toBe('column_4');
  });

  it('skips only what is taken (a gap is reused)', () => {
    const taken = new Set(['column', 'column_3']);
    expect(uniqueName('column', (n) => taken.has(n))).toBe('column_2');
  });

  it('uses the given separator', () => {
    const taken = new Set(['NewEnum', 'NewEnum2']);
    expect(uniqueName('NewEnum', (n) => taken.has(n), '')).toBe('NewEnum3');
  });
});
