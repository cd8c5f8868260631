import type { Job, Worker } from 'bullmq';
import type { Metrics } from './metrics';

/**
 * Counts every finished run of a Worker's jobs in `livecue_jobs_total{queue,kind,state}` and its
 * duration in `livecue_job_duration_seconds`. `kind` is the BullMQ job name (the API's job kind, or
 * `deliver-webhook` / `reconcile`). States: `completed`, `skipped` (the processor skipped it),
 * `failed` (gave up), `retrying` (failed an attempt, will run again).
 */
export function observeWorker(worker: Worker, metrics: Metrics): void {
  const queue = worker.name;
  const observeDuration = (job: Job): void => {
    if (job.processedOn && job.finishedOn) metrics.jobDuration.observe({ queue, kind: job.name }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
  };
  worker.on('completed', (job: Job, result: unknown) => {
    const skipped = typeof result === 'object' && result !== null && 'skipped' in result;
    metrics.jobs.inc({ queue, kind: job.name, state: skipped ? 'skipped' : 'completed' });
    observeDuration(job);
  });
  worker.on('failed', (job: Job | undefined, err: Error) => {
    if (!job) return;
    const gaveUp = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobs.inc({ queue, kind: job.name, state: gaveUp ? 'failed' : 'retrying' });
    observeDuration(job);
  });
}
