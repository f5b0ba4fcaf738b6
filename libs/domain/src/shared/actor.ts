/** The four roles of a Mandate user (SPEC §1). */
export const ROLES = ['secretariat', 'department', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who caused an event: a signed-in user, or the system itself (bootstrap, timers). */
export interface Actor {
  userId: string;
  role: Role | 'system';
  unitId: string | null;
  username?: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: 'system', role: 'system', unitId: null, username: 'system' });

/** Everything a behaviour needs besides its own arguments: who acts, and when (from the one clock). */
export interface CommandContext {
  actor: Actor;
  now: Date;
}
