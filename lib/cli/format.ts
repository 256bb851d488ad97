/** Output formats of `meshscope validate`: text for people, JSON (the documented shape), SARIF 2.1.0 for CI. */
import path from 'node:path';
import { CATALOG, type CheckId } from '@/lib/istio/catalog';
import { countBySeverity, type Finding } from '@/lib/istio/validate';

/** The documented JSON shape of one finding. */
export function publicFinding(f: Finding) {
  return { code: f.code, severity: f.severity, kind: f.kind, namespace: f.namespace, name: f.name, path: f.path, message: f.message, file: f.file, line: f.line };
}

export function formatJson(findings: Finding[]): string {
  return JSON.stringify({ findings: findings.map(publicFinding) }, null, 2);
}

export function formatText(findings: Finding[], cwd = process.cwd()): string {
  const lines = findings.map((f) => {
    const where = f.file ? `${path.relative(cwd, f.file) || f.file}:${f.line ?? 1}: ` : '';
    const what = f.kind ? `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.path ? ` ${f.path}` : ''}: ` : '';
    return `${where}${f.severity} ${f.code} ${what}${f.message}`;
  });
  const c = countBySeverity(findings);
  lines.push(findings.length === 0 ? 'No problems found.' : `${c.error} error(s), ${c.warning} warning(s), ${c.info} note(s).`);
  return lines.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(findings: Finding[], cwd = process.cwd()): string {
  const ruleIds = [...new Set(findings.map((f) => f.code))].sort();
  const titleOf = (code: string) => Object.values(CATALOG).find((d) => d.code === code)?.title ?? code;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'meshscope', informationUri: 'https://github.com/meshscope', rules: ruleIds.map((id) => ({ id, shortDescription: { text: titleOf(id) } })) } },
        results: findings.map((f) => ({
          ruleId: f.code,
          level: SARIF_LEVEL[f.severity],
          message: { text: f.kind ? `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.path ? ` ${f.path}` : ''}: ${f.message}` : f.message },
          ...(f.file
            ? { locations: [{ physicalLocation: { artifactLocation: { uri: path.relative(cwd, f.file).split(path.sep).join('/') || f.file }, region: { startLine: f.line ?? 1 } } }] }
            : {}),
          properties: { checkId: f.checkId as CheckId, kind: f.kind, namespace: f.namespace, name: f.name, path: f.path },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
