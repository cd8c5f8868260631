import { useEffect, useState } from 'react';
import type { CreateSessionInput } from '../../../api/schemas/session-schema';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { ErrorDetail } from '../../api/api-error';
import type { Preview } from '../../api/types';

export type PreviewState = { kind: 'idle' } | { kind: 'ready'; preview: Preview } | { kind: 'invalid'; message: string; details: ErrorDetail[] };

const DEBOUNCE_MS = 300;

/** `POST /v1/sessions/preview` as the form changes (debounced; a newer body wins). */
export function useSessionPreview(body: CreateSessionInput | null): PreviewState {
  const api = useApi();
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const serialized = body ? JSON.stringify(body) : null;
  useEffect(() => {
    if (!serialized) return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      api.send<Preview>('POST', '/v1/sessions/preview', { body: JSON.parse(serialized) as unknown }).then(
        (answer) => {
          if (current) setState({ kind: 'ready', preview: answer.body });
        },
        (err: unknown) => {
          if (!current) return;
          if (err instanceof ApiError) setState({ kind: 'invalid', message: err.message, details: err.details });
          else setState({ kind: 'invalid', message: String(err), details: [] });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, serialized]);
  return state;
}
