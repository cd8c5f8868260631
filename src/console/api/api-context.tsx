import { createContext, useContext } from 'react';
import type { ApiClient } from './create-api-client';

export const ApiContext = createContext<ApiClient | null>(null);

/** The API client given to the app in main.tsx. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
