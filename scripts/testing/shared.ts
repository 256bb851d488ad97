/**
 * Access to ../shared (test data that lives beside the repository, never inside it).
 * Tests that need it call `sharedPath(...)` inside `describe.skipIf(!hasShared())`, or use
 * `describeShared`. Where ../shared is absent (a user's clone) the tests are skipped with a
 * printed notice; with REQUIRE_SHARED=1 (set by .ci/run) they fail instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.MESHSCOPE_SHARED_DIR ?? path.resolve(repoRoot, '../shared');

export function hasShared(): boolean {
  return existsSync(SHARED_DIR);
}

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/** describe() that needs ../shared: skipped with a notice, or failing under REQUIRE_SHARED=1. */
export function describeShared(name: string, body: () => void): void {
  if (hasShared()) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_SHARED === '1') {
    describe(name, () => {
      throw new Error(`REQUIRE_SHARED=1 but ${SHARED_DIR} does not exist`);
    });
    return;
  }
  console.warn(`[skip] ${name}: ${SHARED_DIR} is absent; tests that read ../shared are skipped`);
  describe.skip(name, body);
}
