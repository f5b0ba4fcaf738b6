import { Logger, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { ErrorFilter } from './error.filter';

describe('ErrorFilter', () => {
  const answer = (exception: unknown) => {
    const response = { status: jest.fn().mockReturnThis(), json: jest.fn().mockReturnThis() };
    const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    new ErrorFilter().catch(exception, host);
    return { status: response.status.mock.calls[0][0] as number, body: response.json.mock.calls[0][0] as Record<string, unknown> };
  };
  let error: jest.SpyInstance;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers an unexpected error with a bare 500 and logs its stack', () => {
    const { status, body } = answer(new TypeError('cannot read properties of undefined'));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
    expect(warn).not.toHaveBeenCalled();
  });

  it('logs a 503 the API answers on purpose as one warning line, without a stack', () => {
    const message = 'The reports are being rebuilt from the event log (1,200 of 50,000 events replayed); try again in a moment.';
    const { status, body } = answer(new ServiceUnavailableException({ message, code: 'reports_rebuilding' }));
    expect(status).toBe(503);
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', message, code: 'reports_rebuilding' });
    expect(warn).toHaveBeenCalledWith(`503 reports_rebuilding: ${message}`);
    expect(error).not.toHaveBeenCalled();
  });
});
