import { z } from 'zod';

/** The metadata block every dbt artifact carries, with the fields Sluice uses. */
export const metadataSchema = z.looseObject({
  dbt_version: z.string().nullish(),
  generated_at: z.string().nullish(),
  invocation_id: z.string().nullish(),
});

export const recordSchema = z.record(z.string(), z.unknown());

export const timingSchema = z.array(
  z.looseObject({ name: z.string().nullish(), started_at: z.string().nullish(), completed_at: z.string().nullish() }),
);

/** dbt's `timing` list: the execute step's start and end when there is one, else the whole span. */
export function timingSpan(timing: z.output<typeof timingSchema> | null | undefined): { startedAt: string | null; completedAt: string | null } {
  const steps = timing ?? [];
  const execute = steps.find((step) => step.name === 'execute');
  if (execute) return { startedAt: execute.started_at ?? null, completedAt: execute.completed_at ?? null };
  return { startedAt: steps[0]?.started_at ?? null, completedAt: steps[steps.length - 1]?.completed_at ?? null };
}
