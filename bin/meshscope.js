#!/usr/bin/env node
// `meshscope` command: runs the TypeScript entry (lib/cli/main.ts) with tsx and the repository's
// tsconfig, so `npx meshscope validate ...` works in a checkout without a build step.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const result = spawnSync(process.execPath, [tsx, '--tsconfig', path.join(root, 'tsconfig.json'), path.join(root, 'lib/cli/main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (result.error) {
  console.error(`meshscope: cannot start: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status ?? (result.signal ? 1 : 0));
