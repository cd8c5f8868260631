import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors';
import type { Logger } from '../shared/logger';
import { isRedisUnavailable } from '../store/redis';

function body(err: DomainError): Record<string, unknown> {
  return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), ...err.extra } };
}

/** The one error shape of api.md; unexpected errors are logged once and answered as 500 internal. */
export function createErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let domain: DomainError;
    if (err instanceof DomainError) domain = err;
    else if (isBodyParserError(err, 'entity.parse.failed')) domain = new DomainError('invalid_json', 'the body is not valid JSON: check quotes, commas and brackets');
    else if (isBodyParserError(err, 'entity.too.large')) domain = new DomainError('payload_too_large', 'the body is larger than the configured limit (LIVECUE_BODY_LIMIT, default 1 MiB): split it');
    else if (isBodyParserError(err, 'encoding.unsupported') || isBodyParserError(err, 'charset.unsupported')) domain = new DomainError('unsupported_media_type', 'send the body as UTF-8 JSON');
    else if (isMalformedUrl(err)) domain = new DomainError('validation_failed', 'the URL holds a malformed percent-encoding (like %ZZ): encode ids and values with encodeURIComponent', [{ path: 'url', message: 'malformed percent-encoding' }]);
    else if (isUndecodableBody(err)) domain = new DomainError('invalid_json', `the body cannot be decoded as its Content-Encoding (${req.get('content-encoding') ?? 'none'}) says: send it uncompressed, or as valid gzip, deflate or br`);
    else if (isRedisUnavailable(err)) {
      domain = new DomainError('unavailable', 'LiveCue cannot reach its Redis right now; nothing was changed: retry in a few seconds');
      res.setHeader('Retry-After', '5');
    } else {
      logger.error('request failed', { component: 'api', method: req.method, path: req.path, error: err instanceof Error ? err : String(err) });
      domain = new DomainError('internal', 'something went wrong on our side; it has been logged');
    }
    if (domain.code === 'rate_limited' && typeof domain.extra.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(domain.extra.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(domain.status).json(body(domain));
  };
}

/** Express's router could not percent-decode a path parameter (`/v1/sessions/%ZZ`). */
function isMalformedUrl(err: unknown): boolean {
  return err instanceof URIError;
}

/**
 * A body whose Content-Encoding is a lie (`gzip` on plain bytes): the decompressor's error (zlib's
 * `Z_DATA_ERROR`, brotli's `ERR__ERROR_FORMAT_…`), which body-parser passes on as a 400 with the
 * stream's error code and without a `type` (its own errors all carry one).
 */
function isUndecodableBody(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { status, code, type } = err as { status?: unknown; code?: unknown; type?: unknown };
  return status === 400 && type === undefined && typeof code === 'string';
}

function isBodyParserError(err: unknown, type: string): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === type;
}
