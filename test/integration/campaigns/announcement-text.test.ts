import { renderAnnounce } from '../../../src/text';
import { loadTextInput } from '../../../workers/text-for';
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { shiftDate, shiftLocal } from '../../../src/demo/fixture';
import { createFixtureCampaign, importCsv, registerFixtureAccounts, weeksAhead } from './helpers';

describe('announcement text from the catalog', () => {
  let app: TestApp;
  const weeks = weeksAhead(2);

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerFixtureAccounts(app);
    await createFixtureCampaign(app, weeks, 'text');
  });
  afterAll(async () => {
    await app.stop();
  });

  it('names the products with VND prices, the vendor stall and market, and the promotions of the day', async () => {
    const csv = `title,stageId,startsAt,durationMinutes,vendorIds,targets\nQuầy Cô Lan - Đặc sản khô,booth-cho-con,${shiftLocal('2024-06-08T10:00', weeks, 'Asia/Ho_Chi_Minh')},60,v001,facebook:fb-cho-con\n`;
    const res = await importCsv(app, 'text', csv);
    expect(res.status).toBe(201);
    const session = await app.deps.sessions.get(res.body.created[0]);
    if (!session) throw new Error('no session');
    const text = renderAnnounce(await loadTextInput(app.deps, session), 'P1D');
    expect(text).toContain('Mực rim me');
    expect(text).toContain('180.000 ₫');
    expect(text).toContain('A10');
    expect(text).toContain('Chợ Cồn');
    expect(text).toContain('Khuyến mại kích cầu tại quầy hàng Việt chợ Cồn');
    expect(text).toContain('Tháng khuyến mại kích cầu mua sắm đợt 1 thành phố Đà Nẵng');

    // After 30 June (shifted) only the city-wide month is running.
    const late = { ...session, startsAt: `${shiftDate('2024-07-02', weeks)}T03:00:00.000Z`, endsAt: `${shiftDate('2024-07-02', weeks)}T04:00:00.000Z` };
    const lateText = renderAnnounce(await loadTextInput(app.deps, late), 'P1D');
    expect(lateText).not.toContain('quầy hàng Việt chợ Cồn');
    expect(lateText).toContain('Tháng khuyến mại kích cầu');
  });
});
