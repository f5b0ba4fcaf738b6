import { InvalidArgumentError } from 'commander';

/** The options of `verify`, as commander gives them. */
export interface VerifyOptions {
  json?: boolean;
  /** A head recorded by an earlier verify. */
  expect?: { position: number; hash: string };
}

/** `--expect 1234:3f2a…`: a global position and the 64 hexadecimal digits of its global hash, as verify printed them. */
export function expectedHeadOption(value: string): { position: number; hash: string } {
  const match = /^(\d{1,15}):([0-9a-fA-F]{64})$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected <position>:<hash> as verify printed them, e.g. 1234:3f2a… (64 hexadecimal digits).');
  return { position: Number(match[1]), hash: match[2].toLowerCase() };
}
