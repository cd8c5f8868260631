import { readGraphUsage } from '../../../../src/platforms/facebook/read-usage';

describe('readGraphUsage', () => {
  test('takes the highest percentage over every page and type of X-Business-Use-Case-Usage', () => {
    const usage = readGraphUsage({
      'x-business-use-case-usage': JSON.stringify({
        '111': [{ type: 'pages', call_count: 12, total_cputime: 40, total_time: 8, estimated_time_to_regain_access: 0 }],
        '222': [
          { type: 'pages', call_count: 3, total_cputime: 2, total_time: 77, estimated_time_to_regain_access: 0 },
          { type: 'messenger', call_count: 1, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 4 },
        ],
      }),
    });
    expect(usage).toEqual({ usagePercent: 77, appUsagePercent: undefined, regainAccessMs: 4 * 60_000 });
  });

  test('reads X-App-Usage and the older X-Page-Usage', () => {
    const usage = readGraphUsage({
      'x-app-usage': JSON.stringify({ call_count: 28, total_time: 25, total_cputime: 25 }),
      'x-page-usage': JSON.stringify({ call_count: 91, total_time: 2, total_cputime: 1 }),
    });
    expect(usage).toEqual({ usagePercent: 91, appUsagePercent: 28, regainAccessMs: undefined });
  });

  test('knows nothing when the headers are absent or malformed (absent is not 0 %)', () => {
    expect(readGraphUsage({})).toEqual({ usagePercent: undefined, appUsagePercent: undefined, regainAccessMs: undefined });
    expect(readGraphUsage({ 'x-app-usage': '{oops', 'x-business-use-case-usage': '[1,2]' }).usagePercent).toBeUndefined();
  });
});
