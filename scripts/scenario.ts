/**
 * npm run scenario -- list | apply <name> [--add] | remove <name> | reset   [--config-dir DIR]
 * Switches the demo's Istio config, the same as copying YAML into the config directory.
 * `apply` replaces any applied scenario unless --add is given.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appliedScenarios, applyScenario, listScenarios, removeScenario, resetConfigDir } from '../sim/scenarios';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'config-dir': { type: 'string' }, add: { type: 'boolean' } },
});
const configDir = path.resolve(values['config-dir'] ?? process.env.CONFIG_DIR ?? path.join('.data', `demo-${process.env.PORT ?? 3000}`, 'config'));
const [command, name] = positionals;

try {
  switch (command) {
    case 'list':
    case undefined: {
      const applied = new Set(appliedScenarios(configDir));
      for (const s of listScenarios()) console.log(`${applied.has(s.name) ? '*' : ' '} ${s.name.padEnd(22)} ${s.description}`);
      console.log(`\nconfig directory: ${configDir}`);
      break;
    }
    case 'apply':
      if (!name) throw new Error('usage: npm run scenario -- apply <name> [--add]');
      if (!values.add) for (const other of appliedScenarios(configDir)) if (other !== name) await removeScenario(configDir, other);
      await applyScenario(configDir, name);
      console.log(`applied ${name} to ${configDir}`);
      break;
    case 'remove':
      if (!name) throw new Error('usage: npm run scenario -- remove <name>');
      await removeScenario(configDir, name);
      console.log(`removed ${name}`);
      break;
    case 'reset':
      resetConfigDir(configDir);
      console.log(`reset ${configDir} to the Bookinfo base config`);
      break;
    default:
      throw new Error(`unknown command "${command}"; use list, apply, remove or reset`);
  }
} catch (err) {
  console.error(`scenario: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
