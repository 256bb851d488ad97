/**
 * The `meshscope` command (entry: ./main.ts, bin: bin/meshscope.js).
 * `meshscope validate [--kube] [--output text|json|sarif] <files or dirs...>`: validates YAML before
 * `kubectl apply` (CI), optionally against the live cluster. Exit 1 on an error finding, 2 on a usage error.
 */
import { AppError } from '@/lib/server/errors';
import { snapshotOf, type ConfigSnapshot } from '@/lib/istio/config-source';
import { validateProposed } from '@/lib/istio/overlay';
import { validateConfig, type Finding } from '@/lib/istio/validate';
import { loadPaths } from '@/lib/istio/yaml-loader';
import { parseCommandLine, USAGE, UsageError, type ValidateCommand } from './args';
import { formatJson, formatSarif, formatText } from './format';

async function clusterSnapshot(cmd: ValidateCommand): Promise<ConfigSnapshot> {
  const { createKubernetesConfigSource } = await import('@/lib/kube/config-source');
  const source = createKubernetesConfigSource({ kubeconfig: cmd.kubeconfig });
  try {
    return await source.snapshot();
  } finally {
    source.close();
  }
}

export async function runValidate(cmd: ValidateCommand): Promise<Finding[]> {
  const files = cmd.paths.length > 0 ? loadPaths(cmd.paths, { defaultNamespace: cmd.namespace }) : null;
  if (!cmd.kube) return validateConfig(snapshotOf(files!.objects, files!.errors, 'files')).findings;
  const cluster = await clusterSnapshot(cmd);
  if (!files) return validateConfig(cluster).findings;
  return validateProposed(cluster, files).findings;
}

export async function main(argv: string[]): Promise<number> {
  let cmd;
  try {
    cmd = parseCommandLine(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`meshscope: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (cmd.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let findings: Finding[];
  try {
    findings = await runValidate(cmd);
  } catch (err) {
    const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`meshscope: ${cmd.kube ? 'cannot read the cluster config: ' : ''}${message}\n`);
    return 2;
  }
  const out = cmd.output === 'json' ? formatJson(findings) : cmd.output === 'sarif' ? formatSarif(findings) : formatText(findings);
  process.stdout.write(`${out}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

