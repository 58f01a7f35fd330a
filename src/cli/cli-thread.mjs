// The worker thread's entry: a new thread does not inherit tsx's loader (whether the CLI was started by
// `tsx src/cli/main.ts` or by bin/molos-schema.js), so it registers it before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./cli-thread.ts');
