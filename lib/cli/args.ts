/** Command-line parsing for `meshscope`; a bad command line is a UsageError (exit code 2). */
import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ValidateCommand {
  command: 'validate';
  paths: string[];
  kube: boolean;
  kubeconfig?: string;
  output: OutputFormat;
  namespace: string;
}

export interface HelpCommand {
  command: 'help';
}

export class UsageError extends Error {}

export const USAGE = `Usage: meshscope validate [--kube] [--output text|json|sarif] [-n namespace] <files or dirs...>

Validates Istio configuration (VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar,
PeerAuthentication, AuthorizationPolicy, RequestAuthentication) and the Kubernetes objects they refer to.

  --kube                 read the current config from the Kubernetes API (kubeconfig or in-cluster);
                         with files, validate them as if applied over it (nothing is written)
  --kubeconfig <file>    kubeconfig to use with --kube (default $KUBECONFIG or ~/.kube/config)
  -o, --output <format>  text (default), json ({"findings":[...]}) or sarif
  -n, --namespace <ns>   namespace of objects without metadata.namespace (default "default")
  -h, --help             this text

Exit code: 1 when an error is found, 2 on a usage error, 0 otherwise.`;

export function parseCommandLine(argv: string[]): ValidateCommand | HelpCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...paths] = positionals;
  if (!command) throw new UsageError('no command given');
  if (command !== 'validate') throw new UsageError(`unknown command "${command}"`);
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json' && output !== 'sarif') throw new UsageError(`--output must be text, json or sarif, not "${output}"`);
  if (!values.kube && paths.length === 0) throw new UsageError('give files or directories to validate, or --kube');
  if (values.kubeconfig !== undefined && !values.kube) throw new UsageError('--kubeconfig needs --kube');
  const namespace = values.namespace ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) throw new UsageError(`--namespace "${namespace}" is not a namespace name`);
  return { command: 'validate', paths, kube: Boolean(values.kube), kubeconfig: values.kubeconfig, output, namespace };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      kube: { type: 'boolean' },
      kubeconfig: { type: 'string' },
      output: { type: 'string', short: 'o' },
      namespace: { type: 'string', short: 'n' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
