/**
 * Shadowed VirtualService rules, as Istio's validation analyses them: a rule without match that is not
 * the last one, or whose matches all repeat earlier ones, is never used (IST0130); a match equal to an
 * earlier one, or an HTTP URI prefix covered by an earlier prefix with the same (or no) method and
 * nothing else, never applies (IST0131). Match names do not count.
 */
import type { VirtualService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => k !== 'name' && x !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

interface PrefixMatch {
  prefix: string;
  method?: string;
}

/** A match that is only a URI prefix (and maybe an exact method). */
function prefixOnly(m: Record<string, unknown>): PrefixMatch | null {
  const keys = Object.keys(m).filter((k) => k !== 'name' && m[k] !== undefined);
  const uri = m.uri as { prefix?: string } | undefined;
  if (!uri?.prefix || keys.some((k) => k !== 'uri' && k !== 'method')) return null;
  const method = m.method as { exact?: string } | undefined;
  if (m.method !== undefined && method?.exact === undefined) return null;
  return { prefix: uri.prefix, method: method?.exact };
}

export const vsMatches: ObjectCheck<VirtualService> = (e) => {
  const out: CheckResult[] = [];
  for (const protocol of ['http', 'tcp', 'tls'] as const) {
    const rules = (e.obj.spec[protocol] ?? []) as Array<{ match?: Array<Record<string, unknown>> }>;
    const seen = new Set<string>();
    const prefixes: PrefixMatch[] = [];
    let catchAll = false;
    rules.forEach((rule, i) => {
      const matches = rule.match ?? [];
      if (matches.length === 0) {
        if (catchAll) out.push(result('virtualservices.route.unreachable', `spec/${protocol}[${i}]`, 'an earlier rule without match already takes every request'));
        catchAll = true;
        return;
      }
      let duplicates = 0;
      matches.forEach((m, j) => {
        const key = canonical(m);
        const p = protocol === 'http' ? prefixOnly(m) : null;
        if (seen.has(key)) {
          duplicates++;
          out.push(result('virtualservices.match.ineffective', `spec/${protocol}[${i}]/match[${j}]`, 'the same match appears earlier'));
        } else if (p && prefixes.some((q) => p.prefix.startsWith(q.prefix) && (q.method === undefined || q.method === p.method))) {
          out.push(result('virtualservices.match.ineffective', `spec/${protocol}[${i}]/match[${j}]`, `URI prefix "${p.prefix}" is covered by an earlier prefix`));
        }
        seen.add(key);
        if (p) prefixes.push(p);
      });
      if (duplicates === matches.length) out.push(result('virtualservices.route.unreachable', `spec/${protocol}[${i}]`, 'every match of this rule appears in an earlier rule'));
    });
  }
  return out;
};
