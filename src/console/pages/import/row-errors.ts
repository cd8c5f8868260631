import type { ApiError } from '../../api/api-error';

export interface RowError {
  /** The sheet row (1 is the header), or null for a problem with the sheet as a whole. */
  row: number | null;
  column: string;
  message: string;
}

/**
 * The import's refusal as table rows: details `row 3.startsAt` → row 3, column startsAt;
 * `columns.colour` → the header row, column colour; `row 2` → the whole row.
 */
export function toRowErrors(error: ApiError): RowError[] {
  if (error.details.length === 0) return [{ row: null, column: '', message: error.message }];
  return error.details.map((d) => {
    const rowMatch = /^row (\d+)(?:\.(.+))?$/.exec(d.path);
    if (rowMatch) return { row: Number(rowMatch[1]), column: rowMatch[2] ?? '', message: d.message };
    const columnMatch = /^columns\.(.+)$/.exec(d.path);
    if (columnMatch) return { row: 1, column: columnMatch[1] ?? '', message: d.message };
    return { row: null, column: d.path, message: d.message };
  });
}

/** The template sheet: the columns organizers fill and one example row. */
export function templateCsv(stageId: string, day: string): string {
  return [
    'title,stageId,startsAt,durationMinutes,host,vendorIds,productIds,targets,description',
    `Livestream đặc sản Chợ Cồn,${stageId},${day}T19:30,90,KOL Thu Hà,v001,p001;p002,facebook:fb-cho-con;tiktok:tt-cho-con,"Giới thiệu mắm, bánh tráng"`,
    '',
  ].join('\r\n');
}
