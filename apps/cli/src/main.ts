import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { checkReportOptions } from './report-options';
import { UsageError } from './usage-error';

/**
 * The commands load the runtime (Nest, the store, every library) only when they run, so
 * that --help and a mistyped option answer at once.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commands = () => require('./commands') as typeof import('./commands');

// Piped into `head` or a pager that quits early: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = buildProgram({
  async report(name, options) {
    checkReportOptions(name, options);
    await commands().runReport(name, options);
  },
  async rebuild(projection) {
    await commands().runRebuild(projection);
  },
  async verify(options) {
    // Only the storage: not the runtime the other commands load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require('./verify-command') as typeof import('./verify-command')).runVerify(options);
  },
});

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // commander has printed the message (or the help); anything but help is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n(add --help for the options and examples)\n`);
    process.exitCode = 2;
  } else if (error instanceof Error && (error.name === 'PolicyError' || error.message.startsWith('Calendar file'))) {
    process.stderr.write(`Mandate cannot start. ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`Mandate failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
});
