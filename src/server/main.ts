import { readConfig } from './config';
import { startServer } from './start';

// The process around startServer (start.ts): exit 1 with a readable message when the
// configuration or Redis is not usable, exit 0 once a stop signal's shutdown finished.
const parsed = readConfig();
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const started = await startServer(parsed.config);
if (!started.ok) {
  console.error(started.message);
  process.exit(1);
}
const { stop } = started.running;
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    void stop(signal).then(() => process.exit(0));
  });
