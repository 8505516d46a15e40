export { JOBS, runDueJobs, runJob, startScheduler, type JobDefinition, type RunOutcome, type Scheduler } from './runner';
export { dueDay, msUntilNext } from './schedule';
