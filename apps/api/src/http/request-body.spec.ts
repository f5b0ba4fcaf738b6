import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { bodyError, inspectJson } from './request-body';

describe('inspectJson', () => {
  it('passes ordinary bodies, surrogate pairs included', () => {
    expect(inspectJson({ title: 'Đề án 06 🚀', tasks: [{ ids: ['a', 'b'] }] }, 32)).toBeNull();
    expect(inspectJson(undefined, 32)).toBeNull();
  });

  it('finds nesting deeper than the limit without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectJson(deep, 32)).toEqual({ tooDeep: true });
    let ok: unknown = 1;
    for (let i = 0; i < 32; i++) ok = { a: ok };
    expect(inspectJson(ok, 32)).toBeNull();
  });

  it('names the path of a lone surrogate, in a value or a key', () => {
    expect(inspectJson({ tasks: [{ title: 'a' }, { title: 'b\ud800' }] }, 32)).toEqual({ notUnicode: 'tasks[1].title' });
    expect(inspectJson({ changes: { ['x\udc00']: 1 } }, 32)).toEqual({ notUnicode: 'changes.x\udc00' });
  });
});

describe('bodyError', () => {
  const parserError = (type: string, extra: object = {}) => Object.assign(new Error('parser says no'), { type, ...extra });

  it('names the problem of each body-parser error', () => {
    expect(bodyError(parserError('entity.too.large'))).toBeInstanceOf(PayloadTooLargeException);
    expect((bodyError(parserError('entity.parse.failed', { body: '{"a":' })) as Error).message).toMatch(/^The request body is not valid JSON: /);
    expect((bodyError(parserError('entity.parse.failed', { body: 'null' })) as Error).message).toBe('The request body must be a JSON object');
    expect(bodyError(parserError('charset.unsupported', { charset: 'koi8-r' }))).toBeInstanceOf(UnsupportedMediaTypeException);
    expect(bodyError(parserError('encoding.unsupported', { encoding: 'compress' }))).toBeInstanceOf(UnsupportedMediaTypeException);
  });

  it('leaves other errors as they are', () => {
    const other = new Error('something else');
    expect(bodyError(other)).toBe(other);
  });
});
