import * as fs from 'node:fs';
import * as path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** Every class of every DTO file beside this one that class-validator knows. */
function dtoClasses(): { file: string; name: string; target: new () => object }[] {
  const storage = getMetadataStorage();
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.dto.ts'))
    .flatMap((file) =>
      // Every file, including one added later: a static import list would miss it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Object.entries(require(path.join(__dirname, file)) as Record<string, unknown>)
        .filter((entry): entry is [string, new () => object] => typeof entry[1] === 'function')
        .filter(([, target]) => storage.getTargetValidationMetadatas(target, '', true, false).length > 0)
        .map(([name, target]) => ({ file, name, target })),
    );
}

/** A pattern that matches only strings of a bounded length: no +, * or {n,}. */
function boundedPattern(pattern: unknown): boolean {
  if (!(pattern instanceof RegExp)) return false;
  const source = pattern.source.replace(/\\./g, '');
  return source.startsWith('^') && source.endsWith('$') && !/[*+]|\{\d+,\}/.test(source);
}

/** What is missing for the property's input to be bounded, or null. */
function unbounded(rules: ValidationMetadata[]): string | null {
  const has = (name: string) => rules.some((r) => r.name === name);
  if (has('isArray') && !has('arrayMaxSize')) return 'an array without @ArrayMaxSize';
  if ((has('isInt') || has('isNumber')) && !has('max')) return 'a number without @Max';
  const textual = has('isString') || has('isIso8601') || has('matches');
  const bounded =
    has('maxLength') ||
    rules.some((r) => r.name === 'isLength' && Number.isFinite(r.constraints?.[1])) ||
    has('isUuid') ||
    has('isIn') ||
    rules.some((r) => r.name === 'matches' && boundedPattern(r.constraints?.[0]));
  if (textual && !bounded) return 'a string without a maximum length';
  return null;
}

describe('DTO limits', () => {
  it('finds the DTOs', () => {
    expect(dtoClasses().map((d) => d.name)).toEqual(expect.arrayContaining(['IssueDirectiveDto', 'ProgressDto', 'OverdueQueryDto', 'ClockDto', 'DeclareCalendarDayDto']));
  });

  it('bounds every string, array and number of every body and query', () => {
    const problems: string[] = [];
    for (const { file, name, target } of dtoClasses()) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
      for (const property of new Set(rules.map((r) => r.propertyName))) {
        const problem = unbounded(rules.filter((r) => r.propertyName === property));
        if (problem) problems.push(`${file} ${name}.${property}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('tells a bounded pattern from an unbounded one', () => {
    expect(boundedPattern(/^\d{4}-(0[1-9]|1[0-2])$/)).toBe(true);
    expect(boundedPattern(/^[a-z]{1,64}$/)).toBe(true);
    expect(boundedPattern(/^P(\d+D)?$/)).toBe(false);
    expect(boundedPattern(/^\d{4}(T.+)?$/)).toBe(false);
    expect(boundedPattern(/^[a-z]{3,}$/)).toBe(false);
    expect(boundedPattern(/[a-z]{1,3}/)).toBe(false);
  });
});
