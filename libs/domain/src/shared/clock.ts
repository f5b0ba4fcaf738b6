/** The one source of time. The domain never reads the system clock; it is handed `now`. */
export interface Clock {
  now(): Date;
}
