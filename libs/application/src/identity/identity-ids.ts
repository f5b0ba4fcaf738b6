import { v5 as uuidv5 } from 'uuid';

/**
 * Units, users and directives have natural keys (unit code, username, directive code).
 * Their stream ids are name-based UUIDs of those keys, so the event store's "stream must
 * not exist yet" check enforces uniqueness without a separate index.
 */
const NAMESPACES = {
  unit: '6b1f5f0e-3d0a-4d5e-9a63-2f1c0e7a9b11',
  user: 'a4c2d8e1-7b3f-4c6a-8e19-5d0b2f4a6c37',
  directive: 'd9e3b7a2-1c4f-4e8b-b605-3a7f9c2e1d48',
} as const;

/** Lone UTF-16 surrogates become U+FFFD: a name-based id is made of UTF-8, which cannot hold them. */
const wellFormed = (text: string): string => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

export const normaliseUnitCode = (code: string): string => wellFormed(code.trim().toUpperCase());
export const normaliseUsername = (username: string): string => wellFormed(username.trim().toLowerCase());
export const normaliseDirectiveCode = (code: string): string => wellFormed(code.trim().toUpperCase());

export const unitIdForCode = (code: string): string => uuidv5(normaliseUnitCode(code), NAMESPACES.unit);
export const userIdForUsername = (username: string): string => uuidv5(normaliseUsername(username), NAMESPACES.user);
export const directiveIdForCode = (code: string): string => uuidv5(normaliseDirectiveCode(code), NAMESPACES.directive);
