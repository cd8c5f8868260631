/** Response headers with lower-case names. */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

/** What Graph's throttling headers say (https://developers.facebook.com/docs/graph-api/overview/rate-limiting). Absent headers do not mean 0 %. */
export interface GraphUsage {
  /** Highest percentage (0–100+) among every usage header and field; undefined when none was sent. */
  usagePercent: number | undefined;
  /** Highest percentage in `X-App-Usage` alone (platform limits of the app). */
  appUsagePercent: number | undefined;
  /**
   * Longest `estimated_time_to_regain_access` in `X-Business-Use-Case-Usage`, converted from minutes
   * to ms; undefined when the header is absent or carries no estimate.
   */
  regainAccessMs: number | undefined;
}

const percentFields = ['call_count', 'total_time', 'total_cputime'] as const;

/**
 * Read `X-Business-Use-Case-Usage` (`{"<id>":[{type, call_count, total_cputime, total_time,
 * estimated_time_to_regain_access}]}`), `X-App-Usage` and the older `X-Page-Usage`
 * (`{call_count, total_time, total_cputime}`). Malformed headers are ignored.
 */
export function readGraphUsage(headers: HeaderMap): GraphUsage {
  const business = parseJson(headers['x-business-use-case-usage']);
  const app = parseJson(headers['x-app-usage']);
  const page = parseJson(headers['x-page-usage']);

  const percents: number[] = [];
  const regainMinutes: number[] = [];
  if (isRecord(business)) {
    for (const entries of Object.values(business)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (!isRecord(entry)) continue;
        percents.push(...readPercents(entry));
        const regain = entry.estimated_time_to_regain_access;
        if (typeof regain === 'number' && regain > 0) regainMinutes.push(regain);
      }
    }
  }
  const appPercents = isRecord(app) ? readPercents(app) : [];
  percents.push(...appPercents, ...(isRecord(page) ? readPercents(page) : []));
  return {
    usagePercent: maxOf(percents),
    appUsagePercent: maxOf(appPercents),
    regainAccessMs: regainMinutes.length > 0 ? Math.max(...regainMinutes) * 60_000 : undefined,
  };
}

function readPercents(entry: Record<string, unknown>): number[] {
  return percentFields.map((f) => entry[f]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function maxOf(values: number[]): number | undefined {
  return values.length > 0 ? Math.max(...values) : undefined;
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
