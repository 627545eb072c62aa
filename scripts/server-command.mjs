// How the built server starts: what `npm start` runs (package.json) after ensure-build.mjs,
// and what the e2e suite runs, so the browser tests exercise the production bundle.
export const BUILT_SERVER_ARGS = ['--enable-source-maps', 'dist/server/main.js'];
