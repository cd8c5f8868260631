import { createHash } from 'node:crypto';
import type { YouTubeBroadcast, YouTubeStream } from '../state';

/** A YouTube-style etag: stable for the same content. */
export function etagOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url');
}

function withEnvelope(kind: string, id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { kind, etag: etagOf({ id, ...fields }), id, ...fields };
}

/** A LiveBroadcast as YouTube returns it, limited to the requested parts (`id` always). */
export function toBroadcastResource(b: YouTubeBroadcast, parts: ReadonlySet<string>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (parts.has('snippet')) {
    fields.snippet = {
      publishedAt: b.createdAt,
      channelId: b.channelId,
      title: b.title,
      description: b.description,
      thumbnails: {},
      scheduledStartTime: b.scheduledStartTime,
      ...(b.scheduledEndTime === undefined ? {} : { scheduledEndTime: b.scheduledEndTime }),
      ...(b.actualStartTime === undefined ? {} : { actualStartTime: b.actualStartTime }),
      ...(b.actualEndTime === undefined ? {} : { actualEndTime: b.actualEndTime }),
      isDefaultBroadcast: false,
      liveChatId: `Cg0KC${b.id}`,
    };
  }
  if (parts.has('status')) {
    fields.status = {
      lifeCycleStatus: b.lifeCycleStatus,
      privacyStatus: b.privacyStatus,
      recordingStatus: recordingStatusOf(b.lifeCycleStatus),
      madeForKids: b.selfDeclaredMadeForKids,
      selfDeclaredMadeForKids: b.selfDeclaredMadeForKids,
    };
  }
  if (parts.has('contentDetails')) {
    fields.contentDetails = {
      ...(b.boundStreamId === null ? {} : { boundStreamId: b.boundStreamId }),
      monitorStream: {
        enableMonitorStream: b.enableMonitorStream,
        broadcastStreamDelayMs: 0,
        ...(b.enableMonitorStream ? { embedHtml: `<iframe src="https://www.youtube.com/embed/${b.id}"></iframe>` } : {}),
      },
      enableEmbed: true,
      enableDvr: true,
      recordFromStart: true,
      enableClosedCaptions: false,
      enableLowLatency: false,
      latencyPreference: 'normal',
      projection: 'rectangular',
      enableAutoStart: b.enableAutoStart,
      enableAutoStop: b.enableAutoStop,
    };
  }
  if (parts.has('statistics') && b.lifeCycleStatus === 'live') {
    fields.statistics = { concurrentViewers: '0' };
  }
  return withEnvelope('youtube#liveBroadcast', b.id, fields);
}

function recordingStatusOf(lifeCycleStatus: string): string {
  if (lifeCycleStatus === 'live') return 'recording';
  if (lifeCycleStatus === 'complete') return 'recorded';
  return 'notRecording';
}

/** A LiveStream as YouTube returns it, limited to the requested parts (`id` always). */
export function toStreamResource(s: YouTubeStream, parts: ReadonlySet<string>, nowMs: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (parts.has('snippet')) {
    fields.snippet = {
      publishedAt: s.createdAt,
      channelId: s.channelId,
      title: s.title,
      description: s.description,
      isDefaultStream: false,
    };
  }
  if (parts.has('cdn')) {
    const rtmps = s.ingestionAddress.replace(/^rtmp:\/\/a\.rtmp\./, 'rtmps://a.rtmps.');
    fields.cdn = {
      ingestionType: s.ingestionType,
      resolution: s.resolution,
      frameRate: s.frameRate,
      ingestionInfo: {
        streamName: s.streamName,
        ingestionAddress: s.ingestionAddress,
        backupIngestionAddress: `${s.ingestionAddress}?backup=1`,
        rtmpsIngestionAddress: rtmps,
        rtmpsBackupIngestionAddress: `${rtmps}?backup=1`,
      },
    };
  }
  if (parts.has('status')) {
    fields.status = {
      streamStatus: s.streamStatus,
      healthStatus: {
        status: s.healthStatus,
        lastUpdateTimeSeconds: String(Math.floor(nowMs / 1000)),
        configurationIssues: [],
      },
    };
  }
  if (parts.has('contentDetails')) {
    fields.contentDetails = { isReusable: s.isReusable, closedCaptionsIngestionUrl: `http://upload.youtube.com/closedcaption?cid=${s.streamName}` };
  }
  return withEnvelope('youtube#liveStream', s.id, fields);
}
