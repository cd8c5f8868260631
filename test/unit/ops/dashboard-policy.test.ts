import { dashboardRequestAllowed, describeDashboardAction, withoutStacktraces } from '../../../src/ops/dashboard-policy';

describe('job dashboard policy', () => {
  it('lets readers read everything but the Redis statistics', () => {
    expect(dashboardRequestAllowed('viewer', 'GET', '/api/queues')).toEqual({ ok: true });
    expect(dashboardRequestAllowed('organizer', 'GET', '/api/redis/stats')).toEqual({ ok: false, needs: 'ops' });
    expect(dashboardRequestAllowed('viewer', 'PUT', '/api/queues/facebook/pause')).toEqual({ ok: false, needs: 'ops' });
  });

  it('gives ops retry, promote, clean, pause and resume, admins the rest', () => {
    for (const path of ['/api/queues/pause', '/api/queues/facebook/retry/failed', '/api/queues/facebook/promote', '/api/queues/facebook/clean/delayed', '/api/queues/tiktok/j1/retry', '/api/queues/tiktok/j1/promote', '/api/queues/tiktok/j1/clean']) {
      expect([path, dashboardRequestAllowed('ops', 'PUT', path)]).toEqual([path, { ok: true }]);
    }
    for (const [method, path] of [['POST', '/api/queues/facebook/add'], ['PUT', '/api/queues/facebook/obliterate'], ['PATCH', '/api/queues/facebook/j1/update-data'], ['PUT', '/api/queues/facebook/job-schedulers/reconcile/remove']]) {
      expect(dashboardRequestAllowed('ops', method ?? '', path ?? '')).toEqual({ ok: false, needs: 'admin' });
      expect(dashboardRequestAllowed('admin', method ?? '', path ?? '')).toEqual({ ok: true });
    }
  });

  it('names writes for the audit log and ignores reads', () => {
    expect(describeDashboardAction('PUT', '/api/queues/facebook/pause')).toBe('PUT queues/facebook/pause');
    expect(describeDashboardAction('GET', '/api/queues')).toBeNull();
  });

  it('drops stack traces (server file paths) and keeps the failure reason', () => {
    const answer = { queues: [{ jobs: [{ id: 'a', failedReason: 'Webhook to x unreachable', stacktrace: ['Error: x\n    at /srv/livecue/dist/workers/once.js:12:3'] }] }] };
    expect(withoutStacktraces(answer)).toEqual({ queues: [{ jobs: [{ id: 'a', failedReason: 'Webhook to x unreachable', stacktrace: [] }] }] });
  });
});
