// The server's clock for dates that reach users (file names, letters, periods). Production reads
// the system clock; the test configuration SIKS_TEST_CLOCK=<ISO instant> starts it at that
// instant and lets it run in real time, so journeys can run "at 23:30 UTC" at any hour.

/** A clock: the current instant. */
export interface Clock {
  now(): Date;
}

/** A clock that starts at `startAt` (an ISO 8601 instant) and advances in real time; the system clock without one. */
export function makeClock(startAt?: string, realNow: () => number = () => Date.now()): Clock {
  if (startAt === undefined || startAt === '') return { now: () => new Date(realNow()) };
  const start = Date.parse(startAt);
  if (Number.isNaN(start)) throw new Error(`SIKS_TEST_CLOCK must be an ISO 8601 instant, got ${startAt}`);
  const offset = start - realNow();
  return { now: () => new Date(realNow() + offset) };
}

const clock = makeClock(process.env.SIKS_TEST_CLOCK);

/** The current instant of this server (the system clock unless SIKS_TEST_CLOCK moved it). */
export function now(): Date {
  return clock.now();
}
