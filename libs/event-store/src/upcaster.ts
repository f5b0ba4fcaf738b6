import { MissingUpcaster } from './errors';

/**
 * Brings the stored data of one event type from `fromVersion` to `fromVersion + 1`.
 * Chained by the registry, so a v1 event becomes v3 through the v1 and v2 upcasters.
 * An upcaster is a pure function of the stored data: a replay must give the same result.
 */
export interface Upcaster<From = any, To = any> {
  type: string;
  fromVersion: number;
  upcast: (data: From) => To;
}

/** The upcasters of every event type, keyed by type and the version they read. */
export class UpcasterChain {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  add(upcaster: Upcaster): void {
    const { type, fromVersion } = upcaster;
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new RangeError(`Upcaster for "${type}" needs an integer fromVersion >= 1, got ${fromVersion}`);
    }
    let versions = this.byType.get(type);
    if (!versions) this.byType.set(type, (versions = new Map()));
    if (versions.has(fromVersion)) {
      throw new Error(`An upcaster for "${type}" from schema version ${fromVersion} is already registered`);
    }
    versions.set(fromVersion, upcaster);
  }

  /** Runs the chain from the stored version up to the current one; throws MissingUpcaster on a gap. */
  upcast(type: string, storedVersion: number, currentVersion: number, data: unknown): unknown {
    if (storedVersion > currentVersion) throw new MissingUpcaster(type, storedVersion, currentVersion);
    const versions = this.byType.get(type);
    let result = data;
    for (let version = storedVersion; version < currentVersion; version++) {
      const upcaster = versions?.get(version);
      if (!upcaster) throw new MissingUpcaster(type, version, currentVersion);
      result = upcaster.upcast(result);
    }
    return result;
  }
}
