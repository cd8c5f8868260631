/** What a handler answers: the status, the JSON body (or text for the calendar) and extra headers. */
export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
