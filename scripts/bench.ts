/**
 * `npm run bench` runs every benchmark in bench/*.bench.ts and writes bench/results.json;
 * `npm run bench -- <name> [<name>…]` runs only those and updates their entries in it.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from '../bench/types';
import { mergeBenchResults, parseBenchResults } from './bench-results';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const all: Benchmark[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { benchmarks?: Benchmark[] };
    if (!Array.isArray(mod.benchmarks)) throw new Error(`${file} does not export a benchmarks array`);
    all.push(...mod.benchmarks);
  }
  return all;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const all = await loadBenchmarks();
  const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${all.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? all.filter((b) => wanted.includes(b.name)) : all;
  const results: BenchResult[] = [];
  let failures = 0;
  for (const b of selected) {
    process.stdout.write(`[bench] ${b.name} … `);
    try {
      const value = await b.run();
      const met = b.better === 'lower' ? value <= b.target : value >= b.target;
      results.push({ name: b.name, value: Number(value.toFixed(3)), unit: b.unit, target: b.target, better: b.better });
      console.log(`${value.toFixed(2)} ${b.unit} (target ${b.better === 'lower' ? '≤' : '≥'} ${b.target}) ${met ? 'met' : 'MISSED'}`);
    } catch (err) {
      failures += 1;
      console.log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }
  await mkdir(benchDir, { recursive: true });
  const out = path.join(benchDir, 'results.json');
  const previous = parseBenchResults(await readFile(out, 'utf8').catch(() => undefined));
  const merged = mergeBenchResults(previous, results, selected.map((b) => b.name), all.map((b) => b.name), wanted.length === 0);
  await writeFile(out, `${JSON.stringify(merged, null, 2)}\n`);
  const kept = merged.length - results.length;
  console.log(`[bench] wrote ${results.length} result(s) to ${path.relative(root, out)}${kept > 0 ? ` (and kept ${kept} from earlier runs)` : ''}`);
  process.exit(failures > 0 ? 1 : 0);
}

void main();
