/** The console's pages that are chunks of their own (page-loaders.ts loads them). */
export type PageName =
  | 'accounts' | 'audit' | 'board' | 'calendar' | 'catalog' | 'coverage' | 'import' | 'people'
  | 'sessionEditor' | 'sessionList' | 'session' | 'tokens';

/** Which page chunk a console path (under /console) opens, when it is one of the split pages. */
export function pageForPath(path: string): PageName | null {
  const rules: [RegExp, PageName][] = [
    [/^\/campaigns\/[^/]+\/calendar\/?$/, 'calendar'],
    [/^\/campaigns\/[^/]+\/sessions\/?$/, 'sessionList'],
    [/^\/campaigns\/[^/]+\/import\/?$/, 'import'],
    [/^\/campaigns\/[^/]+\/catalog\/?$/, 'catalog'],
    [/^\/campaigns\/[^/]+\/coverage\/?$/, 'coverage'],
    [/^\/sessions\/new\/?$/, 'sessionEditor'],
    [/^\/sessions\/[^/]+\/edit\/?$/, 'sessionEditor'],
    [/^\/sessions\/[^/]+\/?$/, 'session'],
    [/^\/accounts\/?$/, 'accounts'],
    [/^\/people\/?$/, 'people'],
    [/^\/board\/?$/, 'board'],
    [/^\/audit\/?$/, 'audit'],
    [/^\/tokens\/?$/, 'tokens'],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}
