import type { LiveSpec } from '../../../../src/platforms/adapter';
import { broadcastDescription, broadcastTitle, newBroadcastBody, newStreamBody } from '../../../../src/platforms/youtube/live-resources';

const marker = '\u200b\u200c\u200b\u200c';
const spec = (overrides: Partial<LiveSpec> = {}): LiveSpec => ({
  title: 'Đêm nhạc acoustic',
  description: `Live tonight ${marker}`,
  startsAt: '2024-06-07T13:00:00.000Z',
  endsAt: '2024-06-07T15:00:00.000Z',
  marker,
  ...overrides,
});

describe('YouTube live request bodies', () => {
  it('keeps titles within 100 characters and without angle brackets', () => {
    expect(broadcastTitle('Sale <today> only')).toBe('Sale today only');
    const long = broadcastTitle('🎤'.repeat(150));
    expect(Array.from(long)).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
    expect(broadcastTitle('<>')).toBe('Livestream');
  });

  it('always carries the marker in the description, even when it has to be shortened', () => {
    expect(broadcastDescription(spec())).toBe(`Live tonight ${marker}`);
    expect(broadcastDescription(spec({ description: 'No marker here' }))).toBe(`No marker here\n\n${marker}`);
    const long = broadcastDescription(spec({ description: `${'a'.repeat(6000)} ${marker}` }));
    expect(long.length).toBeLessThanOrEqual(5000);
    expect(long.endsWith(marker)).toBe(true);
  });

  it('measures the description in UTF-8 bytes, as YouTube does, without splitting a letter', () => {
    const vietnamese = broadcastDescription(spec({ description: `${'Chợ Cồn đêm nay '.repeat(400)} ${marker}` }));
    expect(Buffer.byteLength(vietnamese, 'utf8')).toBeLessThanOrEqual(5000);
    expect(vietnamese.length).toBeLessThan(5000);
    expect(vietnamese.endsWith(marker)).toBe(true);
    expect(vietnamese).not.toContain('\uFFFD');
    const emoji = broadcastDescription(spec({ description: '🎤'.repeat(2000) }));
    expect(Buffer.byteLength(emoji, 'utf8')).toBeLessThanOrEqual(5000);
    expect(Array.from(emoji.split('\n\n')[0] ?? '').slice(0, -1).every((c) => c === '🎤')).toBe(true);
  });

  it('builds a public, not-for-kids broadcast YouTube starts itself once LiveCue binds it (and stops when the encoder stops, as a safety net), and the channel\'s reusable RTMP stream', () => {
    expect(newBroadcastBody(spec())).toEqual({
      snippet: { title: 'Đêm nhạc acoustic', description: `Live tonight ${marker}`, scheduledStartTime: '2024-06-07T13:00:00.000Z', scheduledEndTime: '2024-06-07T15:00:00.000Z' },
      status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
      contentDetails: { enableAutoStart: true, enableAutoStop: true, monitorStream: { enableMonitorStream: false } },
    });
    expect(newStreamBody()).toEqual({
      snippet: { title: 'LiveCue encoder' },
      cdn: { ingestionType: 'rtmp', resolution: 'variable', frameRate: 'variable' },
      contentDetails: { isReusable: true },
    });
  });
});
