import { AxiosError } from 'axios';
import { classifyTransportError } from '../../../../src/platforms/facebook/classify-transport-error';

const failure = { operation: 'createLive', accountName: 'Fanpage Chợ Cồn', timeoutMs: 5000 };

describe('classifyTransportError', () => {
  test.each(['ETIMEDOUT', 'ECONNABORTED'])('reports %s as a timeout that may still have taken effect', (code) => {
    const err = classifyTransportError({ ...failure, error: new AxiosError('timeout of 5000ms exceeded', code) });
    expect(err.kind).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain("within 5000 ms while acting for 'Fanpage Chợ Cồn'");
  });

  test('reports a refused connection as unavailable without carrying the request config', () => {
    const cause = new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', { url: '/x?access_token=secret' } as never);
    const err = classifyTransportError({ ...failure, error: cause });
    expect(err.kind).toBe('unavailable');
    expect(err.retryable).toBe(true);
    expect(JSON.stringify(err.cause)).not.toContain('secret');
    expect(String(err.cause)).not.toContain('secret');
  });

  test('reports a non-axios failure as unavailable', () => {
    expect(classifyTransportError({ ...failure, error: new Error('socket hang up') }).kind).toBe('unavailable');
  });
});
