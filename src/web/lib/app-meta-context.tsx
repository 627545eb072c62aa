import { createContext, useContext } from 'react';
import type { AppMeta } from './app-meta';

export const AppMetaContext = createContext<AppMeta>({ mode: 'live', demoMembers: [] });

export function useAppMeta(): AppMeta {
  return useContext(AppMetaContext);
}
