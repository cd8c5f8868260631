import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { createFixtureCampaign, importCsv, registerFixtureAccounts, weeksAhead } from './helpers';
import { shiftDate, shiftLocal } from '../../../src/demo/fixture';
import { isSealed, unsealStored } from '../../../src/store/crypto';

const HEADER = 'title,stageId,startsAt,durationMinutes,host,vendorIds,targets';

describe('CSV import: malformed sheets, row-level errors, nothing saved', () => {
  let app: TestApp;
  const weeks = weeksAhead(2);
  const at = (local: string): string => shiftLocal(local, weeks, 'Asia/Ho_Chi_Minh');
  const cid = 'sheet-checks';

  const sessionCount = async (): Promise<number> => (await app.call('GET', `/v1/campaigns/${cid}`)).body.sessionCounts.total;

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerFixtureAccounts(app);
    await createFixtureCampaign(app, weeks, cid);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('names missing and unknown columns in the header', async () => {
    const res = await importCsv(app, cid, `title,startsAt,colour\nA,${at('2024-06-08T10:00')},red\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['columns.colour', 'columns.targets', 'columns.durationMinutes']));
    expect(await sessionCount()).toBe(0);
  });

  it.each(['__proto__', '__defineGetter__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses a prototype-named column %s as an unknown column (never a 5xx)',
    async (column) => {
      const res = await importCsv(app, cid, `${HEADER},${column}\nA,booth-cho-con,${at('2024-06-08T10:00')},60,,v001,facebook:fb-cho-con,x\n`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual([{ path: `columns.${column}`, message: expect.stringContaining(`unknown column '${column}'`) }]);
      expect(await sessionCount()).toBe(0);
    },
  );

  it('reads a stray quote inside an unquoted cell as a quote (csv-parse relax_quotes)', async () => {
    await createFixtureCampaign(app, weeks, 'sheet-quotes');
    const res = await importCsv(app, 'sheet-quotes', `${HEADER}\nTivi 32" Sony giá tốt,booth-cho-con,${at('2024-06-09T10:00')},60,,v001,facebook:fb-cho-con\n`);
    expect(res.status).toBe(201);
    const created = await app.call('GET', `/v1/sessions/${String(res.body.created[0])}`);
    expect(created.body.title).toBe('Tivi 32" Sony giá tốt');
  });

  it('names the row of a quoted cell that never closes (never a 5xx)', async () => {
    const res = await importCsv(app, cid, `${HEADER}\nOk,booth-cho-con,${at('2024-06-09T12:00')},60,,v001,facebook:fb-cho-con\n"Tivi 32 Sony,booth-cho-con,${at('2024-06-09T14:00')},60,,v001,facebook:fb-cho-con\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].path).toMatch(/^row \d+$/);
  });

  it('reports every bad row by its sheet row number and creates nothing', async () => {
    const csv = [
      HEADER,
      `Ok one,booth-cho-con,${at('2024-06-08T10:00')},60,Cô Lan,v001,facebook:fb-cho-con`,
      `Bad date,booth-cho-con,2024-13-45T10:00,60,Cô Lan,v001,facebook:fb-cho-con`,
      `Unknown stage,san-khau-ma,${at('2024-06-08T12:00')},60,,v001,facebook:fb-cho-con`,
      `Bad target,booth-cho-con,${at('2024-06-08T14:00')},60,,,myspace:x`,
      `Bad duration,booth-cho-con,${at('2024-06-08T16:00')},sixty,,v001,facebook:fb-cho-con`,
      `Unknown vendor,booth-cho-con,${at('2024-06-08T18:00')},60,,v999,facebook:fb-cho-con`,
    ].join('\n');
    const res = await importCsv(app, cid, csv);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/row\(s\) are invalid; nothing was created \(first: row 3\.startsAt/);
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath['row 3.startsAt']).toMatch(/2024-13-45T10:00/);
    expect(byPath['row 4.stageId']).toMatch(/not one of campaign 'sheet-checks' stages/);
    expect(byPath['row 5.targets.0.platform']).toMatch(/facebook \| tiktok \| youtube/);
    expect(byPath['row 6.durationMinutes']).toMatch(/"sixty" is not a whole number of minutes/);
    expect(byPath['row 7.vendorIds.0']).toMatch(/'v999' is not in campaign 'sheet-checks' catalog/);
    expect(Object.keys(byPath).some((p) => p.startsWith('row 2'))).toBe(false);
    expect(res.body.error.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(await sessionCount()).toBe(0);
  });

  it('refuses overlaps within the sheet and with what exists, naming the rows', async () => {
    const first = await importCsv(app, cid, `${HEADER}\nExisting,mega-stage,${at('2024-06-09T19:30')},120,,,facebook:fb-sct\n`);
    expect(first.status).toBe(201);
    const csv = [
      HEADER,
      `Clash with existing,mega-stage,${at('2024-06-09T20:00')},60,,,facebook:fb-sct`,
      `Booth A,booth-cho-con,${at('2024-06-10T10:00')},60,,,facebook:fb-cho-con`,
      `Booth B overlaps A,booth-cho-con,${at('2024-06-10T10:30')},60,,,facebook:fb-cho-con`,
    ].join('\r\n');
    const res = await importCsv(app, cid, csv);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stage_conflict');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['row 2', 'row 4']);
    expect(res.body.error.details[0].message).toBe("row 2: stage 'mega-stage' is already booked in that window");
    expect(res.body.error.details[1].message).toBe("row 4 overlaps row 3 of this request on stage 'booth-cho-con'");
    expect(res.body.error.conflicts.map((c: { row: number }) => c.row)).toEqual([2, 4]);
    expect(await sessionCount()).toBe(1);
  });

  it('reads a spreadsheet export: BOM, CRLF, quoted cells with commas, quotes and Vietnamese', async () => {
    const csv = `\uFEFF${HEADER},description\r\n"Mực rim me, tôm khô ""loại 1""",booth-cho-con,${at('2024-06-11T10:00')},45,"Cô Lan, chợ Cồn",v001;v002,facebook:fb-cho-con;tiktok:tt-cho-con,"Dòng 1\r\nDòng 2"\r\n`;
    const res = await importCsv(app, cid, csv);
    expect(res.status).toBe(201);
    const session = (await app.call('GET', `/v1/sessions/${res.body.created[0]}`)).body;
    expect(session).toMatchObject({ title: 'Mực rim me, tôm khô "loại 1"', host: { name: 'Cô Lan, chợ Cồn' }, vendorIds: ['v001', 'v002'], description: 'Dòng 1\r\nDòng 2', campaignId: cid });
    expect(session.targets.map((t: { platform: string }) => t.platform)).toEqual(['facebook', 'tiktok']);
    expect(session.startsAtLocal).toBe(`${shiftDate('2024-06-11', weeks)}T10:00:00.000+07:00`);
  });

  it('gives rows webhook hooks: url|secret, or one notifySecret cell for the row', async () => {
    const head = 'title,startsAt,durationMinutes,targets,notify,notifySecret';
    const csv = `${head}\nHai hook,${at('2024-06-13T09:00')},30,tiktok:tt-cho-con,https://hooks.example.test/a|whsec-aaaa1;https://hooks.example.test/b,whsec-row-1\n`;
    const res = await importCsv(app, cid, csv);
    expect(res.status).toBe(201);
    const session = (await app.call('GET', `/v1/sessions/${res.body.created[0]}`)).body;
    // Secrets are never shown; the URLs are, in order.
    expect(session.notify).toEqual([{ type: 'webhook', url: 'https://hooks.example.test/a' }, { type: 'webhook', url: 'https://hooks.example.test/b' }]);
    const stored = await app.deps.sessions.get(res.body.created[0]);
    // Sealed at rest (security probe finding 8): opened with the cipher.
    expect(stored?.notify.map((h) => (h.type === 'webhook' ? unsealStored(app.deps.cipher, h.secret) : null))).toEqual(['whsec-aaaa1', 'whsec-row-1']);
    expect(stored?.notify.every((h) => h.type === 'webhook' && isSealed(h.secret))).toBe(true);

    const noSecret = await importCsv(app, cid, `${head}\nThiếu secret,${at('2024-06-13T11:00')},30,tiktok:tt-cho-con,https://hooks.example.test/c,\n`);
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.details.map((d: { path: string }) => d.path)).toContain('row 2.notify.0.secret');
  });

  it('keeps rows without a stage from doubling on a re-import', async () => {
    const csv = `${HEADER}\nKhông sân khấu,,${at('2024-06-12T09:00')},30,,,tiktok:tt-cho-con\n`;
    expect((await importCsv(app, cid, csv)).status).toBe(201);
    const again = await importCsv(app, cid, csv);
    expect(again.status).toBe(409);
    expect(again.body.error.details[0]).toMatchObject({ path: 'row 2', message: expect.stringMatching(/already imported as session/) });
  });

  it('with atomic=false creates the good rows and lists the bad ones with their rows', async () => {
    const csv = [HEADER, `Good,cho-han-corner,${at('2024-06-13T19:00')},60,,,facebook:fb-sct`, `Outside the days,cho-han-corner,${at('2024-07-20T19:00')},60,,,facebook:fb-sct`].join('\n');
    const res = await importCsv(app, cid, csv, '?atomic=false');
    expect(res.status).toBe(200);
    expect(res.body.created).toHaveLength(1);
    expect(res.body.errors).toEqual([expect.objectContaining({ index: 1, row: 3, error: expect.objectContaining({ code: 'outside_campaign' }) })]);
  });

  it('wants text/csv and a known campaign', async () => {
    const json = await app.call('POST', `/v1/campaigns/${cid}/import`, { role: 'organizer', body: { sessions: [] } });
    expect(json.status).toBe(415);
    expect((await importCsv(app, 'no-such-campaign', `${HEADER}\n`)).status).toBe(404);
    expect((await app.call('POST', `/v1/campaigns/${cid}/import`, { role: 'viewer', body: HEADER, headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    const broken = await importCsv(app, cid, `${HEADER}\n"unclosed,booth-cho-con\n`);
    expect(broken.status).toBe(400);
    expect(broken.body.error.details[0].path).toMatch(/^row \d+$/);
  });
});
