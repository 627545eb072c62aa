import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { featuredDemoMembers } from './src/demo-whop/fixtures.ts';
import { renderMetaTags } from './src/server/page/shell.ts';

const API_PORT = Number(process.env.API_PORT ?? 3001);

/**
 * In `npm run dev` the API runs as its own process; this writes the same <meta> tags
 * the production server writes, so the SPA behaves the same under hot reload.
 */
function devMeta(): Plugin {
  return {
    name: 'dev-app-meta',
    apply: 'serve',
    transformIndexHtml(html) {
      const demo = !process.env.WHOP_API_KEY;
      const tags = renderMetaTags({ mode: demo ? 'demo' : 'live', demoMembers: demo ? featuredDemoMembers() : [] });
      return html.replace('</head>', `  ${tags}\n  </head>`);
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), tailwindcss(), devMeta()],
  // `vite build --ssr src/web/app/first-paint.tsx` (npm run build): the member
  // page's first paint as a Node module, which the server loads to render deep links with the
  // app's own components. Packages stay external: the production install provides them.
  build: isSsrBuild
    ? { outDir: 'dist/first-paint', emptyOutDir: true, copyPublicDir: false, sourcemap: true }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        // Which chunks each module needs: the size check counts what `/` fetches until idle
        // from it, and the server names the member route's chunks for a deep link's preloads.
        manifest: true,
        // Every browser that runs this app supports modulepreload; the polyfill is dead weight.
        modulePreload: { polyfill: false },
        rolldownOptions: {
          output: {
            // Everything `/` imports statically stays in the entry chunk. Without this the
            // bundler may move React into a shared chunk with a lazy module, which costs `/`
            // an extra request and ~0.4 KiB of wrapper code (docs/decisions/0002).
            codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
          },
        },
      },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${API_PORT}` },
  },
}));
