import { staleAtFor } from '../../../src/planning/stale-windows';
import { DAY_MS, END, END_MS, HOUR_MS, MIN_MS, START, START_MS, iso } from './builders';

const staleAt = (kind: Parameters<typeof staleAtFor>[0], runAtMs: number): string => iso(staleAtFor(kind, runAtMs, START_MS, END_MS));

describe('staleAtFor', () => {
  it('gives an announce half an hour, never past the start', () => {
    expect(staleAt('announce', START_MS - DAY_MS)).toBe('2024-06-06T12:30:00.000Z');
    expect(staleAt('announce', START_MS - 10 * MIN_MS)).toBe(START);
  });

  it('gives a reminder a quarter of an hour, never past the start', () => {
    expect(staleAt('reminder', START_MS - HOUR_MS)).toBe('2024-06-07T11:15:00.000Z');
    expect(staleAt('reminder', START_MS - 10 * MIN_MS)).toBe(START);
  });

  it('is worth preparing the platform live until the start', () => {
    expect(staleAt('prepare-live', START_MS - 6 * DAY_MS)).toBe(START);
  });

  it('is worth going live until the end', () => {
    expect(staleAt('go-live', START_MS)).toBe(END);
  });

  it('is worth updating a live until the end', () => {
    expect(staleAt('update-live', START_MS - DAY_MS)).toBe(END);
  });

  it('gives ending a live a day of grace after the end', () => {
    expect(staleAt('end-live', END_MS)).toBe('2024-06-08T14:00:00.000Z');
  });

  it('gives deleting a live a day of grace after the end, or after its run when that is later', () => {
    expect(staleAt('delete-live', START_MS - DAY_MS)).toBe('2024-06-08T14:00:00.000Z');
    expect(staleAt('delete-live', END_MS + HOUR_MS)).toBe('2024-06-08T15:00:00.000Z');
  });

  it('gives a cancellation notice until the start, and at least an hour', () => {
    expect(staleAt('cancel-notice', START_MS - DAY_MS)).toBe(START);
    expect(staleAt('cancel-notice', START_MS - 10 * MIN_MS)).toBe('2024-06-07T12:50:00.000Z');
  });

  it('never makes a job stale before it is due', () => {
    const kinds = ['prepare-live', 'announce', 'reminder', 'go-live', 'end-live', 'update-live', 'delete-live', 'cancel-notice'] as const;
    for (const kind of kinds) {
      const runAtMs = kind === 'end-live' ? END_MS : START_MS - HOUR_MS;
      expect(staleAtFor(kind, runAtMs, START_MS, END_MS)).toBeGreaterThanOrEqual(runAtMs);
    }
  });
});
