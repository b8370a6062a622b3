/**
 * Where the app keeps its files (tenant profiles, logs, request logs, reports, journals).
 * Tokens are never among them: they live in the OS keychain.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder name under the OS config dir; Electron's `userData` uses the same name. */
export const APP_DIR_NAME = 'scim-companion';

/**
 * The data folder: `SCIM_COMPANION_HOME` when set (tests point it at a temp dir), else the OS
 * config dir for the app, the same place Electron's `app.getPath('userData')` picks, so the CLI
 * and the desktop app share one set of tenants.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SCIM_COMPANION_HOME?.trim();
  if (override) return override;
  return join(osConfigDir(env), APP_DIR_NAME);
}

function osConfigDir(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') {
    return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  }
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support');
  }
  return env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config');
}
