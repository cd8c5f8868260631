import { isValidZone, localDate, localFields, offsetMs, parseInstant, parseOffset, toLocalIso, toUtcIso } from '../../../src/planning/time';
import type { TimeParse } from '../../../src/planning/time';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { HCM } from './builders';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

/** The instant of a successful parse, as UTC ISO; fails the test with the message otherwise. */
function instantOf(result: TimeParse): string {
  if (!result.ok) throw new Error(`expected a parse, got: ${result.message}`);
  return new Date(result.ms).toISOString();
}

function messageOf(result: TimeParse): string {
  if (result.ok) throw new Error(`expected a refusal, got ${new Date(result.ms).toISOString()}`);
  return result.message;
}

describe('parseInstant', () => {
  describe('with an offset', () => {
    it.each([
      ['2024-06-07T19:00:00+07:00', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07T19:00+07:00', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07T19:00:00+0700', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07T12:00:00Z', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07T12:00:00.000Z', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07t12:00z', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07T07:00:00-05:00', '2024-06-07T12:00:00.000Z'],
      ['2024-06-07T19:00:30.250+07:00', '2024-06-07T12:00:30.250Z'],
      ['  2024-06-07T12:00:00Z  ', '2024-06-07T12:00:00.000Z'],
    ])('reads %s as %s whatever the zone', (value, expected) => {
      expect(instantOf(parseInstant(value, BERLIN))).toBe(expected);
      expect(instantOf(parseInstant(value, HCM))).toBe(expected);
    });

    it('reads the offset even when the zone is unknown (the offset says it all)', () => {
      expect(instantOf(parseInstant('2024-06-07T19:00:00+07:00', 'Mars/Olympus_Mons'))).toBe('2024-06-07T12:00:00.000Z');
    });

    it('keeps milliseconds of a nanosecond fraction', () => {
      expect(instantOf(parseInstant('2024-06-07T19:00:00.123456789+07:00', HCM))).toBe('2024-06-07T12:00:00.123Z');
    });

    it.each(['2024-06-07T19:00+07:75', '2024-06-07T19:00+19:00', '2024-06-07T19:00-15:00'])('refuses the impossible offset in %s', (value) => {
      expect(parseInstant(value, HCM).ok).toBe(false);
    });

    it('refuses a calendar date that does not exist', () => {
      expect(messageOf(parseInstant('2024-02-30T10:00:00Z', HCM))).toBe('"2024-02-30T10:00:00Z" is not a valid date-time');
    });
  });

  describe('as a local wall time', () => {
    it('reads 2024-06-07T19:00 in Đà Nẵng as 12:00 UTC', () => {
      expect(instantOf(parseInstant('2024-06-07T19:00', HCM))).toBe('2024-06-07T12:00:00.000Z');
    });

    it('reads seconds and a fraction of a second', () => {
      expect(instantOf(parseInstant('2024-06-07T19:00:45', HCM))).toBe('2024-06-07T12:00:45.000Z');
      expect(instantOf(parseInstant('2024-06-07T19:00:45.5', HCM))).toBe('2024-06-07T12:00:45.500Z');
    });

    it('reads a summer wall time in Berlin at +02:00 and a winter one at +01:00', () => {
      expect(instantOf(parseInstant('2024-06-07T19:00', BERLIN))).toBe('2024-06-07T17:00:00.000Z');
      expect(instantOf(parseInstant('2024-01-15T19:00', BERLIN))).toBe('2024-01-15T18:00:00.000Z');
    });

    it('refuses a wall time skipped by the spring-forward change in Berlin, saying why', () => {
      expect(messageOf(parseInstant('2024-03-31T02:30', BERLIN))).toBe(
        '2024-03-31T02:30 does not exist in Europe/Berlin (clocks skip it for daylight saving time)',
      );
    });

    it('refuses a wall time skipped by the spring-forward change in New York', () => {
      expect(messageOf(parseInstant('2024-03-10T02:30:00', NEW_YORK))).toMatch(/does not exist in America\/New_York .*daylight saving/);
    });

    it('accepts the wall times just around the gap', () => {
      expect(instantOf(parseInstant('2024-03-31T01:59', BERLIN))).toBe('2024-03-31T00:59:00.000Z');
      expect(instantOf(parseInstant('2024-03-31T03:00', BERLIN))).toBe('2024-03-31T01:00:00.000Z');
    });

    it('takes the earlier instant (+02:00) for a wall time repeated by the fall-back change in Berlin', () => {
      const parsed = parseInstant('2024-10-27T02:30', BERLIN);
      expect(instantOf(parsed)).toBe('2024-10-27T00:30:00.000Z');
      expect(parsed.ok && toLocalIso(parsed.ms, BERLIN)).toBe('2024-10-27T02:30:00.000+02:00');
    });

    it('takes the earlier instant (-04:00) for the repeated hour in New York', () => {
      expect(instantOf(parseInstant('2024-11-03T01:30', NEW_YORK))).toBe('2024-11-03T05:30:00.000Z');
    });

    it('refuses an unknown zone, naming it', () => {
      expect(messageOf(parseInstant('2024-06-07T19:00', 'Asia/Da_Nang'))).toBe('unknown time zone "Asia/Da_Nang"');
    });

    it('refuses a month that does not exist', () => {
      expect(messageOf(parseInstant('2024-13-01T19:00', HCM))).toBe('"2024-13-01T19:00" is not a valid date-time');
    });
  });

  it.each(['', 'tomorrow', '2024-06-07', '2024-06-07 19:00', '07/06/2024 19:00', '2024-06-07T19', '2024-06-07T19:00:00,5+07:00', '1717761600000'])(
    'refuses %p with the accepted forms in the message',
    (value) => {
      expect(messageOf(parseInstant(value, HCM))).toContain('must be ISO 8601 like 2024-06-07T19:00 (local) or 2024-06-07T19:00:00+07:00');
    },
  );
});

describe('parseOffset', () => {
  it.each([
    ['P1D', 'P1D', 86_400_000],
    ['PT1H', 'PT1H', 3_600_000],
    ['PT10M', 'PT10M', 600_000],
    ['PT1H30M', 'PT1H30M', 5_400_000],
    ['pt1h30m', 'PT1H30M', 5_400_000],
    ['p1dt2h', 'P1DT2H', 93_600_000],
    ['PT45S', 'PT45S', 45_000],
    [' PT10M ', 'PT10M', 600_000],
    ['P90D', 'P90D', 90 * 86_400_000],
  ])('reads %p as %s (%i ms)', (value, iso, expectedMs) => {
    expect(parseOffset(value)).toEqual({ ok: true, iso, ms: expectedMs });
  });

  it.each(['P1M', 'P1Y', 'P1W', 'P1Y2M', '-PT1H', 'PT-1H', 'PT0M', 'P0D', 'PT0S', 'P', 'PT', 'P1DT', 'PT1.5H', '1h', 'one hour', ''])(
    'refuses %p',
    (value) => {
      expect(parseOffset(value).ok).toBe(false);
    },
  );

  it('refuses calendar units with an example of what works', () => {
    const parsed = parseOffset('P1M');
    expect(!parsed.ok && parsed.message).toBe(
      '"P1M" must be a positive ISO 8601 duration of days/hours/minutes/seconds, e.g. P1D, PT1H, PT10M',
    );
  });

  it('refuses zero as not positive', () => {
    const parsed = parseOffset('PT0M');
    expect(!parsed.ok && parsed.message).toBe('"PT0M" must be a positive duration');
  });

  it('refuses anything over 90 days, however it is written', () => {
    for (const value of ['P91D', 'P90DT1S', 'PT2161H']) {
      const parsed = parseOffset(value);
      expect(!parsed.ok && parsed.message).toBe(`"${value}" is more than 90 days`);
    }
  });
});

describe('offsetMs', () => {
  it('is the length of a normalized offset in ms', () => {
    expect(offsetMs('P1D')).toBe(86_400_000);
    expect(offsetMs('PT1H30M')).toBe(5_400_000);
  });
});

describe('toUtcIso', () => {
  it('renders UTC with milliseconds and Z', () => {
    expect(toUtcIso(Date.parse('2024-06-07T12:00:00Z'))).toBe('2024-06-07T12:00:00.000Z');
    expect(toUtcIso(Date.parse('2024-06-07T12:00:00.007Z'))).toBe('2024-06-07T12:00:00.007Z');
  });

  it('agrees with Date#toISOString', () => {
    const at = Date.parse('2024-10-27T00:30:15.250Z');
    expect(toUtcIso(at)).toBe(new Date(at).toISOString());
  });
});

describe('toLocalIso', () => {
  it('renders the instant in Đà Nẵng with +07:00', () => {
    expect(toLocalIso(Date.parse('2024-06-07T12:00:00.000Z'), HCM)).toBe('2024-06-07T19:00:00.000+07:00');
  });

  it('follows daylight saving time in Berlin', () => {
    expect(toLocalIso(Date.parse('2024-06-07T12:00:00.000Z'), BERLIN)).toBe('2024-06-07T14:00:00.000+02:00');
    expect(toLocalIso(Date.parse('2024-01-15T12:00:00.000Z'), BERLIN)).toBe('2024-01-15T13:00:00.000+01:00');
  });

  it('is exactly what luxon writes, across zones, DST changes and odd offsets (cached per hour)', () => {
    const zones = [HCM, BERLIN, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Europe/London', 'Etc/UTC', 'UTC', 'America/Santiago'];
    const instant = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') });
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, ms) => {
        expect(toLocalIso(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISO());
      }),
      { numRuns: 3000 },
    );
    // Every minute around Berlin's and Lord Howe's (30-minute) changes, twice (second pass from the cache).
    for (const [zone, change] of [[BERLIN, '2024-03-31T01:00:00Z'], [BERLIN, '2024-10-27T01:00:00Z'], ['Australia/Lord_Howe', '2024-04-06T15:00:00Z']] as const) {
      for (let pass = 0; pass < 2; pass += 1) {
        for (let m = -90; m <= 90; m += 1) {
          const ms = Date.parse(change) + m * 60_000 - 1;
          expect(toLocalIso(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISO());
        }
      }
    }
  });
});

describe('localFields', () => {
  it('are luxon\'s wall-clock fields (weekday 1 = Monday), across zones and DST changes', () => {
    const zones = [HCM, BERLIN, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }), (zone, ms) => {
        const dt = DateTime.fromMillis(ms, { zone });
        expect(localFields(ms, zone)).toEqual({ year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute, weekday: dt.weekday });
      }),
      { numRuns: 2000 },
    );
    expect(localFields(0, 'Asia/Da_Nang')).toBeNull();
  });
});

describe('localDate', () => {
  it('is the calendar day in the zone, not in UTC', () => {
    const lateUtc = Date.parse('2024-06-06T17:00:00.000Z');
    expect(localDate(lateUtc, HCM)).toBe('2024-06-07');
    expect(localDate(lateUtc - 1, HCM)).toBe('2024-06-06');
    expect(localDate(lateUtc, 'UTC')).toBe('2024-06-06');
  });
});

describe('isValidZone', () => {
  it('knows IANA zones and nothing else', () => {
    expect(isValidZone(HCM)).toBe(true);
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Asia/Da_Nang')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });
});
