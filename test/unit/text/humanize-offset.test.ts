import { humanizeOffset } from '../../../src/text/humanize-offset';

describe('humanizeOffset', () => {
  it.each([
    ['P1D', '1 ngày', '1 day'],
    ['P2D', '2 ngày', '2 days'],
    ['PT1H', '1 giờ', '1 hour'],
    ['PT2H', '2 giờ', '2 hours'],
    ['PT10M', '10 phút', '10 minutes'],
    ['PT30M', '30 phút', '30 minutes'],
    ['PT1M', '1 phút', '1 minute'],
    ['PT1H30M', '1 giờ 30 phút', '1 hour 30 minutes'],
    ['P1DT2H', '1 ngày 2 giờ', '1 day 2 hours'],
    ['P1W', '1 tuần', '1 week'],
    ['PT90M', '90 phút', '90 minutes'],
    ['PT45S', '45 giây', '45 seconds'],
    ['PT0S', '0 phút', '0 minutes'],
  ])('reads %s as "%s" / "%s"', (iso, vi, en) => {
    expect(humanizeOffset(iso, 'vi')).toBe(vi);
    expect(humanizeOffset(iso, 'en')).toBe(en);
  });

  it('throws a RangeError for something that is not an ISO duration', () => {
    expect(() => humanizeOffset('1 hour', 'en')).toThrow(RangeError);
  });
});
