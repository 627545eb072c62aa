import { SIGNED_IN_META } from '../../contract/auth';

export type DemoMemberLink = { id: string; label: string };

export type AppMeta = {
  mode: 'demo' | 'live';
  demoMembers: DemoMemberLink[];
  /** The signed-in manager's name when sign-in is on; null when the dashboard is open. */
  signedInAs?: string | null;
};

function content(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;
}

function isDemoMemberLink(value: unknown): value is DemoMemberLink {
  if (typeof value !== 'object' || value === null) return false;
  const { id, label } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof label === 'string';
}

/**
 * What the server wrote into index.html: demo or live, and demo members to suggest.
 * Checked by hand rather than with zod so that `/` does not load zod at all.
 */
export function readAppMeta(): AppMeta {
  const mode = content('app-mode') === 'demo' ? 'demo' : 'live';
  let demoMembers: DemoMemberLink[] = [];
  const raw = content('demo-members');
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) demoMembers = parsed.filter(isDemoMemberLink);
    } catch {
      // A malformed tag only costs the suggestions.
    }
  }
  const signedInAs = content(SIGNED_IN_META)?.trim() || null;
  return { mode, demoMembers, signedInAs };
}
