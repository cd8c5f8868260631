import { maskIngestUrl, maskStreamKeys } from '../../../src/shared/mask-stream-keys';

describe('maskIngestUrl', () => {
  it.each([
    ['rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl', 'rtmp://a.rtmp.youtube.com/live2/••••'],
    ['rtmps://live-api-s.facebook.com:443/rtmp/FB-1-0-Abc?s_bl=1&s_sc=x', 'rtmps://live-api-s.facebook.com:443/rtmp/••••'],
    ['rtmp://user:pass@ingest.example/app/key/', 'rtmp://ingest.example/app/••••'],
    ['https://a.upload.youtube.com/http_upload_hls?cid=the-key&copy=0&file=', 'https://a.upload.youtube.com/••••'],
    ['srt://ingest.example:9000?streamid=the-key', 'srt://ingest.example:9000/••••'],
    ['not a url the-key', '••••'],
  ])('masks %s as %s', (url, masked) => {
    expect(maskIngestUrl(url)).toBe(masked);
  });
});

describe('maskStreamKeys', () => {
  it('masks ingestUrl fields (saying so) and stream URLs anywhere, leaving the rest and the input alone', () => {
    const input = { liveId: 'L1', url: 'https://www.youtube.com/watch?v=L1', targets: [{ ingestUrl: 'rtmp://h/app/k1' }, { ingestUrl: null }], note: 'rtmps://h:443/rtmp/k2' };
    expect(maskStreamKeys(input)).toEqual({ liveId: 'L1', url: 'https://www.youtube.com/watch?v=L1', targets: [{ ingestUrl: 'rtmp://h/app/••••', ingestUrlMasked: true }, { ingestUrl: null }], note: 'rtmps://h:443/rtmp/••••' });
    expect(input.targets[0]?.ingestUrl).toBe('rtmp://h/app/k1');
  });
});
