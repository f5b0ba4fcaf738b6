import { loadSettings, SettingsError, type Settings } from '@mandate/config';
import { UsageError } from './usage-error';

/** The process settings; a bad one is a usage error (exit code 2) naming the setting. */
export function settings(): Settings {
  try {
    return loadSettings();
  } catch (error) {
    throw error instanceof SettingsError ? new UsageError(error.message) : error;
  }
}
