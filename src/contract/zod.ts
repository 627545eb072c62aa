// The one place the contract loads zod. zod/mini keeps the browser bundle small, and
// `jitless` stops zod compiling schemas with `new Function`, which our CSP
// (no 'unsafe-eval') would report as a violation.
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
