import { ApiError } from '../../../src/console/api/api-error';
import { templateCsv, toRowErrors } from '../../../src/console/pages/import/row-errors';
import { fromWallDate, toLocalInput, toWallDate } from '../../../src/console/lib/wall-time';
import { formatShortStart } from '../../../src/text/format';

describe('console helpers', () => {
  it('turns an import refusal into rows: sheet row, column, what to fix', () => {
    const error = new ApiError(400, 'validation_failed', '2 row(s) are invalid', [
      { path: 'row 3.stageId', message: "'x' is not one of campaign 'c' stages" },
      { path: 'row 5.targets.0.platform', message: 'expected facebook | tiktok | youtube' },
      { path: 'columns.colour', message: 'unknown column' },
      { path: 'row 4', message: 'row 4 overlaps row 3' },
    ], {});
    expect(toRowErrors(error)).toEqual([
      { row: 3, column: 'stageId', message: "'x' is not one of campaign 'c' stages" },
      { row: 5, column: 'targets.0.platform', message: 'expected facebook | tiktok | youtube' },
      { row: 1, column: 'colour', message: 'unknown column' },
      { row: 4, column: '', message: 'row 4 overlaps row 3' },
    ]);
    expect(toRowErrors(new ApiError(415, 'unsupported_media_type', 'send text/csv', [], {}))).toEqual([{ row: null, column: '', message: 'send text/csv' }]);
  });

  it('offers a template whose header names the create fields and whose example row fits them', () => {
    const [head, example] = templateCsv('mega-stage', '2024-06-07').split('\r\n');
    expect(head?.split(',')).toEqual(['title', 'stageId', 'startsAt', 'durationMinutes', 'host', 'vendorIds', 'productIds', 'targets', 'description']);
    expect(example).toContain(',mega-stage,2024-06-07T19:30,90,');
  });

  it('carries the campaign zone wall time into a browser date and back, whatever the browser zone', () => {
    const wall = toWallDate('2024-06-07T12:30:00.000Z', 'Asia/Ho_Chi_Minh');
    expect([wall.getHours(), wall.getMinutes(), wall.getDate()]).toEqual([19, 30, 7]);
    expect(fromWallDate(wall, 'Asia/Ho_Chi_Minh')).toBe('2024-06-07T12:30:00.000Z');
    expect(toLocalInput('2024-06-07T12:30:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2024-06-07T19:30');
  });

  it('formats a start the way the market reads it', () => {
    expect(formatShortStart('2024-06-07T12:30:00.000Z', 'Asia/Ho_Chi_Minh', 'vi')).toBe('19:30 Thứ Sáu 7/6');
    expect(formatShortStart('2024-06-07T12:30:00.000Z', 'Asia/Ho_Chi_Minh', 'en')).toBe('19:30 Fri 7/6');
  });
});
