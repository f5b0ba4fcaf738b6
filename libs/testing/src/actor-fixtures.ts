import { SYSTEM_ACTOR, type Actor, type CommandContext } from '@mandate/domain';

/** Unit ids used across the fixtures. */
export const LEAD_UNIT = 'unit-lead';
export const COORD_UNIT = 'unit-coord';
export const OTHER_UNIT = 'unit-other';
export const NEW_LEAD_UNIT = 'unit-new-lead';

/** The default business time of fixture events: Tuesday 2026-04-28, 09:00 in Hanoi. */
export const T0 = '2026-04-28T02:00:00.000Z';

export const secretariat = (): Actor => ({ userId: 'user-secretariat', role: 'secretariat', unitId: null, username: 'secretariat' });
export const leadDept = (): Actor => ({ userId: 'user-lead', role: 'department', unitId: LEAD_UNIT, username: 'lead' });
export const coordDept = (): Actor => ({ userId: 'user-coord', role: 'department', unitId: COORD_UNIT, username: 'coord' });
export const otherDept = (): Actor => ({ userId: 'user-other', role: 'department', unitId: OTHER_UNIT, username: 'other' });
export const newLeadDept = (): Actor => ({ userId: 'user-new-lead', role: 'department', unitId: NEW_LEAD_UNIT, username: 'newlead' });
export const leader = (): Actor => ({ userId: 'user-leader', role: 'leader', unitId: null, username: 'leader' });
export const admin = (): Actor => ({ userId: 'user-admin', role: 'admin', unitId: null, username: 'admin' });
export const system = (): Actor => ({ ...SYSTEM_ACTOR });

/** A command context: this actor, at this business time (default T0). */
export const by = (actor: Actor, at: string = T0): CommandContext => ({ actor, now: new Date(at) });
