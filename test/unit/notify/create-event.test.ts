import { createHash } from 'node:crypto';
import { createEvent, createEventId } from '../../../src/notify/create-event';

describe('createEvent', () => {
  const input = {
    type: 'session.reminder' as const,
    sessionId: 'ses_k3j9x0a1b2c3',
    data: { offset: 'PT1H', text: 'Còn 1 giờ nữa: Chợ Cồn đêm' },
    occurredAt: '2024-06-07T11:00:00.000Z',
    stableKey: 'ses_k3j9x0a1b2c3__reminder__PT1H',
  };

  it('derives the id from the first 24 hex chars of sha256(stableKey)', () => {
    const hex = createHash('sha256').update(input.stableKey).digest('hex');
    expect(createEvent(input)).toEqual({
      id: `evt_${hex.slice(0, 24)}`,
      type: 'session.reminder',
      sessionId: 'ses_k3j9x0a1b2c3',
      occurredAt: '2024-06-07T11:00:00.000Z',
      data: { offset: 'PT1H', text: 'Còn 1 giờ nữa: Chợ Cồn đêm' },
    });
  });

  it('gives a retry the same id even when the data was rebuilt', () => {
    const retry = createEvent({ ...input, occurredAt: '2024-06-07T11:00:05.000Z' });
    expect(retry.id).toBe(createEvent(input).id);
  });

  it('gives different effects different ids', () => {
    expect(createEventId('ses_a__reminder__PT1H')).not.toBe(
      createEventId('ses_a__reminder__PT10M'),
    );
    expect(createEventId('x')).toMatch(/^evt_[0-9a-f]{24}$/);
  });
});
