/** `--name value` or `--name=value` from the command line, else the default. */
export function argValue(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * Refuses an option not in `known` (names without the dashes), so that a mistyped option
 * cannot start a long run with the defaults.
 */
export function rejectUnknownOptions(known: readonly string[], argv: readonly string[] = process.argv.slice(2), usage?: string): void {
  for (const arg of argv) {
    const name = /^--?([\w-]+)/.exec(arg)?.[1];
    if (name && !known.includes(name)) throw new Error(`Unknown option ${arg}${usage ? `\n${usage}` : ''}`);
  }
}

export function intArg(name: string, fallback: number): number {
  const raw = argValue(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}
