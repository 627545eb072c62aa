import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { WEB_CHUNKS } from './src/contract/web-chunks.ts';
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

/**
 * The server and the size checks find the app's lazy chunks in the manifest by name
 * (src/contract/web-chunks.ts), the name the bundler gives a dynamic import's chunk after its
 * module's file. A build in which a name is not exactly one dynamic entry fails here, so a
 * renamed module cannot quietly empty a deep link's preload header.
 */
function webChunkNames(): Plugin {
  return {
    name: 'web-chunk-names',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((out) => out.type === 'chunk' && out.isDynamicEntry);
      for (const [key, name] of Object.entries(WEB_CHUNKS)) {
        const found = chunks.filter((chunk) => chunk.name === name).length;
        if (found !== 1) {
          this.error(
            `WEB_CHUNKS.${key} is '${name}', which ${found === 0 ? 'no' : `${found}`} dynamic import's chunk is named: ` +
              'a module renamed? Rename it in src/contract/web-chunks.json too.',
          );
        }
      }
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), tailwindcss(), devMeta(), webChunkNames()],
  // `vite build --ssr src/web/app/first-paint.tsx` (npm run build): the member
  // page's first paint as a Node module, which the server loads to render deep links with the
  // app's own components. Packages stay external: the production install provides them.
  build: isSsrBuild
    ? { outDir: 'dist/first-paint', emptyOutDir: true, copyPublicDir: false, sourcemap: true }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        // Which chunks each module needs: the size check counts what `/` fetches until idle
        // from it, and the server names the member route's chunks for a deep link's preloads
        // (both find them by name: src/contract/web-chunks.ts).
        manifest: true,
        // Every browser that runs this app supports modulepreload; the polyfill is dead weight.
        modulePreload: { polyfill: false },
        rolldownOptions: {
          output: {
            // Everything `/` imports statically stays in the entry chunk. Without this the
            // bundler may move React into a shared chunk with a lazy module, which costs `/`
            // an extra request and ~0.4 KiB of wrapper code (docs/decisions/0002).
            //
            // What two or more lazy chunks share is one chunk too. Left to itself, the bundler
            // splits shared code by which chunks use it; the bulk page (issue 27) uses part of
            // what the member and search routes share, which cut that code into three chunks,
            // lengthened every lazy import's preload list on `/` by ~150 bytes and added ~2 KiB
            // to what `/` fetches by idle (docs/decisions/0002).
            codeSplitting: {
              groups: [
                { name: 'app', tags: ['$initial'] },
                { name: 'lazy-shared', minShareCount: 2 },
              ],
            },
          },
        },
      },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${API_PORT}` },
  },
}));
