import { actionKey, jobIdOf, parseJobId } from '../../../src/planning/action-key';

describe('actionKey', () => {
  it('joins kind, platform, account and offset with __', () => {
    expect(actionKey('announce', 'facebook', 'fb-sct', 'P1D')).toBe('announce__facebook__fb-sct__P1D');
  });

  it('leaves out the parts a session-level action does not have', () => {
    expect(actionKey('reminder', null, null, 'PT10M')).toBe('reminder__PT10M');
    expect(actionKey('go-live', null, null, null)).toBe('go-live');
    expect(actionKey('prepare-live', 'youtube', 'yt-sct', null)).toBe('prepare-live__youtube__yt-sct');
    expect(actionKey('update-live', 'facebook', 'fb-sct', '')).toBe('update-live__facebook__fb-sct');
  });

  it('never contains a colon (BullMQ refuses it in custom ids)', () => {
    expect(jobIdOf('ses_8f2k', actionKey('announce', 'tiktok', 'tt-cho-con', 'PT1H30M'))).not.toContain(':');
  });
});

describe('jobIdOf and parseJobId', () => {
  it('round-trip session id and key', () => {
    const id = jobIdOf('ses_8f2k', 'announce__facebook__fb-sct__P1D');
    expect(id).toBe('ses_8f2k__announce__facebook__fb-sct__P1D');
    expect(parseJobId(id)).toEqual({ sessionId: 'ses_8f2k', key: 'announce__facebook__fb-sct__P1D' });
  });

  it('refuses an id without a session part', () => {
    expect(parseJobId('go-live')).toBeNull();
    expect(parseJobId('__go-live')).toBeNull();
  });
});
