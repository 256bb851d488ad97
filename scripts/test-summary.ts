/** Adds up the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed, N skipped". */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface Counts { passed: number; failed: number; skipped: number }

function vitestCounts(json: { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number }): Counts {
  return { passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0, skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0) };
}

function playwrightCounts(json: { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } }): Counts {
  const s = json.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

const dir = process.argv[2] ?? 'test-results';
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
  const c = file.startsWith('playwright') ? playwrightCounts(json) : vitestCounts(json);
  console.log(`  ${file}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
