import fc from 'fast-check';
import { decodeDefinition, decodeJob, encodeDefinition, encodeJob } from '../../../src/store/session-codec';
import { aDefinition, aJob } from '../planning/builders';

describe('job records as stored', () => {
  it('read back whole, whatever is set or null', () => {
    const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });
    fc.assert(
      fc.property(
        fc.constantFrom('announce__facebook__fb-cho-con__P1D', 'go-live', 'reminder__PT10M', 'end-live'),
        fc.record({
          state: fc.constantFrom('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled' as const),
          attempts: fc.nat(20),
          lastError: nullable(fc.string()),
          reason: nullable(fc.string()),
          result: nullable(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean()))),
          firedAt: nullable(fc.constant('2024-06-07T12:00:00.000Z')),
          finishedAt: nullable(fc.constant('2024-06-07T12:00:01.000Z')),
          offset: nullable(fc.constantFrom('P1D', 'PT10M')),
        }),
        (key, fields) => {
          const record = aJob(key, fields);
          expect(decodeJob('ses_chocon', key, encodeJob(record))).toEqual(record);
        },
      ),
    );
  });

  it('keep neither the key, the id nor null fields', () => {
    const stored = JSON.parse(encodeJob(aJob('go-live'))) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['attempts', 'kind', 'plannedVersion', 'runAt', 'staleAt', 'state']);
  });

  it('read records written whole by earlier versions', () => {
    const record = aJob('announce__facebook__fb-cho-con__P1D', { offset: 'P1D' });
    expect(decodeJob('ses_chocon', record.key, JSON.stringify(record))).toEqual(record);
  });
});

describe('session definitions as stored', () => {
  it('read back whole without their empty lists and null fields', () => {
    const bare = aDefinition({ campaignId: null, stageId: null, notify: [], reminderOffsets: [], products: [] });
    const stored = encodeDefinition(bare);
    expect(stored).not.toContain('vendorIds');
    expect(stored).not.toContain('campaignId');
    expect(decodeDefinition(stored)).toEqual(bare);
    const full = aDefinition({ campaignId: 'cho-con-2024', vendorIds: ['v1'], productIds: ['p1'], imageUrls: ['https://img.example.test/a.jpg'], host: { name: 'Cô Lan' }, seriesId: 'ser_1' });
    expect(decodeDefinition(encodeDefinition(full))).toEqual(full);
  });
});
