import { z } from '../contract/zod';

const DemoMembersSchema = z.array(z.object({ id: z.string(), label: z.string() }));

export type AppMeta = {
  mode: 'demo' | 'live';
  demoMembers: Array<{ id: string; label: string }>;
};

function content(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;
}

/** What the server wrote into index.html: demo or live, and demo members to suggest. */
export function readAppMeta(): AppMeta {
  const mode = content('app-mode') === 'demo' ? 'demo' : 'live';
  let demoMembers: AppMeta['demoMembers'] = [];
  const raw = content('demo-members');
  if (raw) {
    try {
      const parsed = DemoMembersSchema.safeParse(JSON.parse(raw));
      if (parsed.success) demoMembers = parsed.data;
    } catch {
      // A malformed tag only costs the suggestions.
    }
  }
  return { mode, demoMembers };
}
