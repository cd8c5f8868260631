import { isForeignCaller, returnPath } from '../../../src/connections/finish-connection';

describe('who may bring a state back', () => {
  it('is the browser session that started it, and no one else', () => {
    const started = { principal: 'user:lan@sct.danang.gov.vn' };
    expect(isForeignCaller(started, 'user:lan@sct.danang.gov.vn')).toBe(false);
    expect(isForeignCaller(started, 'user:other@sct.danang.gov.vn')).toBe(true);
    expect(isForeignCaller(started, 'admin:1a2b3c4d')).toBe(true);
    expect(isForeignCaller(started, null)).toBe(true);
  });

  it('is, for a flow started with a token, a browser without credentials or that token, never another', () => {
    const started = { principal: 'admin:1a2b3c4d' };
    expect(isForeignCaller(started, null)).toBe(false);
    expect(isForeignCaller(started, 'admin:1a2b3c4d')).toBe(false);
    expect(isForeignCaller(started, 'admin:9f8e7d6c')).toBe(true);
    expect(isForeignCaller(started, 'user:lan@sct.danang.gov.vn')).toBe(true);
  });
});

describe('the path the browser returns to', () => {
  it('adds the connection and the error to returnTo, keeping its own query', () => {
    expect(returnPath('/console/accounts', 'con_1', null)).toBe('/console/accounts?connection=con_1');
    expect(returnPath('/console/accounts?tab=fb', 'con_1', 'access_denied')).toBe('/console/accounts?tab=fb&connection=con_1&error=access_denied');
    expect(returnPath('/console/accounts', null, 'invalid_state')).toBe('/console/accounts?error=invalid_state');
  });
});
