import type { PretrainJob } from './pretrain-job.js';

/**
 * The jobs to run, in list order: all of them, or those named in `only`. Checks that ids are
 * unique and known, and that every dependency comes earlier in the list.
 *
 * @param jobs - All jobs, in run order.
 * @param only - Ids to run (`undefined`: all).
 * @returns The selected jobs and the dependencies they need that are not selected (whose files
 *   must already exist).
 * @throws {Error} for an unknown or duplicate id, or a dependency that does not come first.
 */
export function selectJobs(
  jobs: readonly PretrainJob[],
  only?: readonly string[],
): { selected: PretrainJob[]; external: string[] } {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.id)) throw new Error(`duplicate job id '${job.id}'`);
    for (const dep of job.dependsOn ?? []) {
      if (!seen.has(dep))
        throw new Error(`job '${job.id}' depends on '${dep}', which does not come before it`);
    }
    seen.add(job.id);
  }
  const wanted = new Set(only ?? jobs.map((j) => j.id));
  for (const id of wanted) {
    if (!seen.has(id)) {
      throw new Error(`unknown job '${id}' (known: ${jobs.map((j) => j.id).join(', ')})`);
    }
  }
  const selected = jobs.filter((j) => wanted.has(j.id));
  const external = [
    ...new Set(selected.flatMap((j) => (j.dependsOn ?? []).filter((d) => !wanted.has(d)))),
  ];
  return { selected, external };
}
