import type { LogFn } from 'pino';

/** Nest's start-up chatter (every module and route it maps), shown only at debug level. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'LegacyRouteConverter', 'NestFactory']);

export function quietFrameworkStartup(level: string) {
  const verbose = level === 'debug' || level === 'trace';
  return function logMethod(this: unknown, args: Parameters<LogFn>, method: LogFn): void {
    const first = args[0] as { context?: string } | undefined;
    if (!verbose && first && typeof first === 'object' && STARTUP_CONTEXTS.has(first.context ?? '')) return;
    method.apply(this, args);
  };
}
