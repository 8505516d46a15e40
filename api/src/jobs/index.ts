export { JOBS, SCHEDULED_JOBS, runDueJobs, runJob, startScheduler, type JobDefinition, type RunOutcome, type Scheduler } from './runner';
export { dueDay, msUntilNext } from './schedule';
export { REPORT_JOBS, monthlyReportJob, weeklyReportJob } from './reports';
