import { ReplyError } from 'ioredis';
import { isRedisUnavailable } from '../../../src/store/redis';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const reply = (message: string): Error => new (ReplyError as new (m: string) => Error)(message);

describe('isRedisUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a Redis still loading its data', reply('LOADING Redis is loading the dataset in memory')],
    ['a cluster that is down', reply('CLUSTERDOWN The cluster is down')],
    ['ioredis giving up retries', Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' })],
    ["ioredis's command timeout", new Error('Command timed out')],
    ["ioredis's closed connection", new Error('Connection is closed.')],
  ])('recognises %s', (_what, err) => {
    expect(isRedisUnavailable(err)).toBe(true);
  });

  it.each([
    ['a wrong-type reply', reply('WRONGTYPE Operation against a key holding the wrong kind of value')],
    ['a script error', reply('ERR Error running script')],
    ['an unrelated error that mentions a refused connection', new TypeError('ECONNREFUSED in a message is not a code')],
    ['a non-error', 'Connection is closed.'],
  ])('does not take %s for an outage', (_what, err) => {
    expect(isRedisUnavailable(err)).toBe(false);
  });
});
