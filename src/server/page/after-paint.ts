import { createHash } from 'node:crypto';
import { LOCALE_WARM_UP_SCRIPT, LOCALE_WORKER_PATH } from './locale-warm-up';

/** The id of the JSON list of the app's files on a first-paint page: the entry first, then what it will import. */
export const AFTER_PAINT_DATA_ID = 'app-after-paint';

/**
 * Loads the app's code once the member's name is on screen (issue 29). On a deep link the
 * server renders the member into the page (first-paint.ts); the app only takes over what is
 * already painted. Fetched and compiled beside the paint, its ~500 KB of JavaScript took the
 * machine's two cores from the page (V8 compiled it on a worker while the page laid out and
 * rasterized) and the paint came 80 ms later than with JavaScript off (decision 0035).
 * So the page names its code in a list instead of a `<script src>` the browser would fetch at
 * once, and this script, the body's last, starts it when Element Timing reports the name
 * painted (`elementtiming="member-name"`), or, where the browser has no Element Timing, after
 * the next frame; at the latest after 500 ms; in a tab opened in the background (nothing is painted
 * there, and timers are slowed), at once. The entry goes in as a module script (run once
 * loaded: the page, its member's JSON and this list included, is parsed by then), the rest as
 * `modulepreload`, as the Link header named them before. Then, while they download, it starts
 * the locale warm-up's worker (locale-warm-up.ts), whose own script this page goes without,
 * since its load of the locale's data must not take a core from the member's paint either.
 * The same text for every page, allowed by its hash in the CSP (security-headers.ts).
 */
export const AFTER_PAINT_SCRIPT = `(function(){var d=document,n=0,P=window.PerformanceObserver;function go(){if(n++)return;var f=JSON.parse(d.getElementById(${JSON.stringify(AFTER_PAINT_DATA_ID)}).textContent),i,l,s;for(i=1;i<f.length;i++){l=d.createElement('link');l.rel='modulepreload';l.href=f[i];d.head.appendChild(l)}s=d.createElement('script');s.type='module';s.crossOrigin='anonymous';s.src=f[0];d.head.appendChild(s);try{new Worker(${JSON.stringify(LOCALE_WORKER_PATH)})}catch(e){}}setTimeout(go,500);if(d.visibilityState==='hidden')go();else if(d.querySelector('[elementtiming="member-name"]')&&P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('element')>=0){new P(function(list,o){var e=list.getEntries();for(var i=0;i<e.length;i++)if(e[i].identifier==='member-name'){o.disconnect();go();return}}).observe({type:'element',buffered:true})}else requestAnimationFrame(function(){setTimeout(go)})})()`;

/** The CSP source that lets exactly this script run. */
export const AFTER_PAINT_SOURCE = `'sha256-${createHash('sha256').update(AFTER_PAINT_SCRIPT).digest('base64')}'`;

const WARM_UP_TAG = `<script>${LOCALE_WARM_UP_SCRIPT}</script>`;
/** Only the build's own files go into the list (they come from Vite's manifest). */
const ASSET = /^\/assets\/[\w.-]+$/;
/** Vite's tag for the entry script in index.html. */
const ENTRY_TAG = /[ \t]*<script type="module" crossorigin src="(\/assets\/[\w.-]+)"><\/script>\n?/;

/**
 * The shell of a first-paint page: index.html without its entry script tag and its locale
 * warm-up, and with the list of the app's files (the entry, then `chunks`) and the script that
 * loads them (and warms the locale up) at the end of the body. The shell as it is when it has
 * no entry tag, or no body to end.
 */
export function withCodeAfterPaint(html: string, chunks: readonly string[]): string {
  const entry = ENTRY_TAG.exec(html)?.[1];
  if (!entry || !html.includes('</body>')) return html;
  const files = JSON.stringify([entry, ...chunks.filter((href) => href !== entry && ASSET.test(href))]);
  return html
    .replace(ENTRY_TAG, '')
    .replace(WARM_UP_TAG, '')
    .replace(
      '</body>',
      `<script type="application/json" id="${AFTER_PAINT_DATA_ID}">${files}</script><script>${AFTER_PAINT_SCRIPT}</script>\n  </body>`,
    );
}
