import type { Projection } from '../projection';
import { DirectivesProjection } from './directives.projection';
import { TasksProjection } from './tasks.projection';
import { UnitsProjection } from './units.projection';
import { UsersProjection } from './users.projection';

/** Every read-model projection, in the order their schemas are created. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  new UnitsProjection(),
  new UsersProjection(),
  new DirectivesProjection(),
  new TasksProjection(),
];

export const ALL_PROJECTION_NAMES: readonly string[] = ALL_PROJECTIONS.map((p) => p.name);
