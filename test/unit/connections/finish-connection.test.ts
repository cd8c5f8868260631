import { isForeignCaller, returnPath } from '../../../src/connections/finish-connection';

describe('who may bring a state back', () => {
  it('is the browser session that started it, and no one else', () => {
    const started = { binder: 'user:usr_lan' };
    expect(isForeignCaller(started, 'user:usr_lan')).toBe(false);
    expect(isForeignCaller(started, 'user:usr_other')).toBe(true);
    expect(isForeignCaller(started, 'machine:1a2b3c4d5e6f')).toBe(true);
    expect(isForeignCaller(started, null)).toBe(true);
  });

  it('is, for a flow started with a token, a browser without credentials or that token, never another', () => {
    const started = { binder: 'machine:1a2b3c4d5e6f' };
    expect(isForeignCaller(started, null)).toBe(false);
    expect(isForeignCaller(started, 'machine:1a2b3c4d5e6f')).toBe(false);
    expect(isForeignCaller(started, 'machine:9f8e7d6c5b4a')).toBe(true);
    expect(isForeignCaller(started, 'user:usr_lan')).toBe(true);
  });
});

describe('the path the browser returns to', () => {
  it('adds the connection and the error to returnTo, keeping its own query', () => {
    expect(returnPath('/console/accounts', 'con_1', null)).toBe('/console/accounts?connection=con_1');
    expect(returnPath('/console/accounts?tab=fb', 'con_1', 'access_denied')).toBe('/console/accounts?tab=fb&connection=con_1&error=access_denied');
    expect(returnPath('/console/accounts', null, 'invalid_state')).toBe('/console/accounts?error=invalid_state');
  });
});
