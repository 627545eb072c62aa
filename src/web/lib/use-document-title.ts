import { useEffect } from 'react';

const APP = 'Member lookup';

/** Names the page in the tab and history: "Ava Chen · Member lookup". */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP}` : APP;
  }, [title]);
}
