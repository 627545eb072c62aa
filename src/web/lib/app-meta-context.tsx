import { createContext, useContext } from 'react';
import type { PageMeta } from '../../contract/app-meta';

export const AppMetaContext = createContext<PageMeta>({ mode: 'live', demoMembers: [], signedInAs: null });

export function useAppMeta(): PageMeta {
  return useContext(AppMetaContext);
}
