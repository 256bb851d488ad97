import { ConfigError, getServerConfig } from './config';

/** Validates the environment once at start-up; exits with the list of problems when it is wrong. */
export function checkConfigAtStartup(): void {
  try {
    const config = getServerConfig();
    const source = config.configSource.kind === 'directory' ? `directory ${config.configSource.dir}` : config.configSource.kind;
    console.log(`[meshscope] Prometheus: ${config.prometheus.url}; Jaeger: ${config.jaeger.url ?? 'not configured'}; config source: ${source}; auth: ${config.auth.mode}`);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
