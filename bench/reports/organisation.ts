/**
 * The organisation of the generated history: the units and users an admin would register
 * (the same aggregates and name-based ids as the server's RegisterUnit / RegisterUser), and
 * how fast and how well each unit and the secretariat work.
 */
import { normaliseUnitCode, normaliseUsername, unitIdForCode, userIdForUsername } from '@mandate/application';
import { SYSTEM_ACTOR, Unit, User, type Actor, type EventSourcedAggregate, type Role } from '@mandate/domain';
import { Random, cumulative } from './random';
import { OFFICE, unitTemplates, type UnitTemplate } from './texts';

/** How a unit works: the planner draws each task's course from these. */
export interface UnitProfile {
  /** Median working days to acknowledge a task. */
  ackMedianDays: number;
  /** Share of its tasks submitted after the deadline (that eventually are). */
  lateShare: number;
  /** Share of its tasks never submitted (they stay open, overdue, unless cancelled). */
  stuckShare: number;
  /** Share of its first completion reports the secretariat returns. */
  returnShare: number;
  /** Median working days between progress reports. */
  progressEveryDays: number;
  /** Share of its tasks with an obstacle reported. */
  obstacleShare: number;
  /** A unit the bottleneck report should find. */
  slow: boolean;
}

/** How the secretariat works. */
export interface SecretariatProfile {
  /** Median and spread (log-normal sigma) of the working days a report waits for review. */
  reviewMedianDays: number;
  reviewSigma: number;
  /** Median and spread of the working days an extension request waits for a decision. */
  decideMedianDays: number;
  decideSigma: number;
  /** Share of extension requests granted. */
  grantShare: number;
}

export interface OrgUnit {
  index: number;
  id: string;
  code: string;
  name: string;
  weight: number;
  profile: UnitProfile;
  /** The department users acting for the unit. */
  users: Actor[];
}

export interface Organisation {
  units: OrgUnit[];
  /** Cumulative task weights of the units, for Random.weighted. */
  weights: number[];
  officeUnitId: string;
  secretariat: Actor[];
  leaders: Actor[];
  admin: Actor;
  secretariatProfile: SecretariatProfile;
  /** Every Unit and User aggregate, with the events an admin's registration raised. */
  aggregates: EventSourcedAggregate[];
}

export const SECRETARIAT: SecretariatProfile = {
  reviewMedianDays: 3.4,
  reviewSigma: 0.75,
  decideMedianDays: 1.4,
  decideSigma: 0.8,
  grantShare: 0.7,
};

/** The username every generated user signs in with and the password they share (local benchmark data only). */
export const BENCH_PASSWORD = 'bench-password';

/** Units, their users, the secretariat, leaders and the admin, registered at `at`. */
export function buildOrganisation(rng: Random, unitCount: number, at: Date, passwordHash: string): Organisation {
  const aggregates: EventSourcedAggregate[] = [];
  const registerUser = (ctx: { actor: Actor; now: Date }, username: string, displayName: string, role: Role, unitId: string | null): Actor => {
    const name = normaliseUsername(username);
    const user = User.register(ctx, { userId: userIdForUsername(name), username: name, displayName, role, unitId, passwordHash });
    aggregates.push(user);
    return user.toActor();
  };
  // The first admin, as BootstrapAdmin records it on an empty store.
  const admin = registerUser({ actor: SYSTEM_ACTOR, now: at }, 'admin', 'Administrator', 'admin', null);
  const byAdmin = { actor: admin, now: new Date(at.getTime() + 60_000) };
  const registerUnit = (t: UnitTemplate): string => {
    const code = normaliseUnitCode(t.code);
    const unit = Unit.register(byAdmin, { unitId: unitIdForCode(code), code, name: t.name, kind: t.kind });
    aggregates.push(unit);
    return unit.id;
  };

  const officeUnitId = registerUnit(OFFICE);
  const templates = unitTemplates(unitCount);
  const profiles = rng.fork('profiles');
  const slow = pickSlowUnits(profiles, templates);
  const units: OrgUnit[] = templates.map((t, index) => {
    const id = registerUnit(t);
    const users: Actor[] = [];
    const people = t.weight >= 3 ? 2 : 1;
    for (let k = 1; k <= people; k++) {
      users.push(registerUser(byAdmin, `${t.code.toLowerCase()}.${k}`, `Chuyên viên ${k} — ${t.name}`, 'department', id));
    }
    return { index, id, code: t.code, name: t.name, weight: t.weight, profile: unitProfile(profiles.fork(t.code), slow.has(index)), users };
  });
  const secretariat = [1, 2, 3, 4].map((k) => registerUser(byAdmin, `vptu.${k}`, `Chuyên viên Văn phòng Tỉnh ủy ${k}`, 'secretariat', officeUnitId));
  const leaderNames = ['Bí thư Tỉnh ủy', 'Phó Bí thư Thường trực', 'Chủ tịch UBND tỉnh', 'Phó Chủ tịch UBND tỉnh', 'Trưởng Ban Tuyên giáo'];
  const leaders = leaderNames.map((name, i) => registerUser(byAdmin, `lanhdao.${i + 1}`, name, 'leader', null));
  return {
    units,
    weights: cumulative(units.map((u) => u.weight)),
    officeUnitId,
    secretariat,
    leaders,
    admin,
    secretariatProfile: SECRETARIAT,
    aggregates,
  };
}

/** About one unit in sixteen is slow; at least two, one of them among the most tasked. */
function pickSlowUnits(rng: Random, templates: UnitTemplate[]): Set<number> {
  const slow = new Set<number>();
  templates.forEach((_, i) => {
    if (rng.chance(1 / 16)) slow.add(i);
  });
  const busy = Math.min(templates.length - 1, 2 + rng.int(0, 3));
  slow.add(busy);
  if (slow.size < 2 && templates.length > 2) slow.add(templates.length - 1);
  return slow;
}

function unitProfile(rng: Random, slow: boolean): UnitProfile {
  if (slow) {
    return {
      ackMedianDays: rng.between(2.5, 4),
      lateShare: rng.between(0.35, 0.5),
      stuckShare: rng.between(0.2, 0.28),
      returnShare: rng.between(0.25, 0.4),
      progressEveryDays: rng.between(10, 16),
      obstacleShare: rng.between(0.3, 0.45),
      slow,
    };
  }
  return {
    ackMedianDays: rng.between(0.2, 0.9),
    lateShare: rng.between(0.1, 0.22),
    stuckShare: rng.between(0.08, 0.11),
    returnShare: rng.between(0.06, 0.16),
    progressEveryDays: rng.between(5, 9),
    obstacleShare: rng.between(0.08, 0.18),
    slow,
  };
}

/** The unit a task goes to, by the units' weights. */
export function pickUnit(rng: Random, org: Organisation, except = -1): OrgUnit {
  for (;;) {
    const unit = org.units[rng.weighted(org.weights)];
    if (unit.index !== except || org.units.length === 1) return unit;
  }
}
