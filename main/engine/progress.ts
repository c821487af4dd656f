// How an engine function tells its caller how far it has come, for a progress bar: the worker
// (main/worker/) forwards each report to the window as a `job.progress` event. Plain callback, no
// I/O: the engine stays pure, and a call in-process without one costs nothing.

/**
 * Called between units of work — a Newton–Raphson or IRLS iteration, every 2 % of the treated
 * patients matched — never inside the inner loops, so it costs nothing measurable. `done` of
 * `total` steps of `stage` (e.g. 3 of 25, "Logistic regression (IRLS iteration)"); `total` is an
 * upper bound where the end is not known in advance (iterations until convergence). It must not
 * throw.
 */
export type ProgressReporter = (done: number, total: number, stage: string) => void
