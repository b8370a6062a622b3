/**
 * Plan files: a plan saved as JSON to be previewed, reviewed and applied later. Loading checks
 * the whole shape, so a hand-edited or truncated file is refused before anything is sent.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { FINDING_KINDS } from '../model';
import { PLAN_VERSION, type Plan } from './types';

/** A plan file that cannot be used; the message says why and what to do. */
export class PlanFileError extends Error {
  override readonly name = 'PlanFileError';
}

const id = z.string().min(1);

const userState = z.object({
  type: z.literal('user'),
  id,
  userName: z.string(),
  externalId: z.string().nullable(),
  active: z.boolean(),
  privileged: z.boolean().optional(),
});

const groupState = z.object({
  type: z.literal('group'),
  id,
  displayName: z.string(),
  externalId: z.string().nullable(),
  members: z.array(z.string()).nullable(),
});

export const writeOpSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['deactivate-user', 'reactivate-user', 'delete-user']), userId: id }),
  z.object({ type: z.literal('remove-member'), groupId: id, userId: id }),
  z.object({ type: z.literal('add-members'), groupId: id, userIds: z.array(id).min(1) }),
  z.object({ type: z.literal('delete-group'), groupId: id }),
  z.object({
    type: z.literal('create-group'),
    displayName: z.string().min(1),
    externalId: z.string().nullable(),
    members: z.array(id),
  }),
]);

export const planItemSchema = z.object({
  id,
  kind: z.enum([...FINDING_KINDS, 'undo']),
  summary: z.string(),
  reason: z.string(),
  op: writeOpSchema,
  expected: z.discriminatedUnion('type', [userState, groupState]),
  member: userState.optional(),
  confirmReasons: z.array(z.string()),
  undoable: z.boolean(),
});

export const planSchema = z.object({
  version: z.literal(PLAN_VERSION),
  id,
  createdAt: z.string(),
  tenant: z.object({
    id: z.string().nullable(),
    name: z.string().min(1),
    baseUrl: z.string().min(1),
  }),
  policy: z.enum(['deactivate', 'delete']),
  protectedGroups: z.array(z.string()),
  items: z.array(planItemSchema),
  skipped: z.array(z.object({ kind: z.enum(FINDING_KINDS), name: z.string(), reason: z.string() })),
  undoOf: z.string().optional(),
});

/** Checks an untrusted value (a parsed file, an IPC input) is a plan this version can run. */
export function parsePlan(value: unknown, source = 'the plan'): Plan {
  if (value && typeof value === 'object' && 'version' in value && value.version !== PLAN_VERSION) {
    throw new PlanFileError(
      `${source} has format version ${String(value.version)}; this app reads version ${PLAN_VERSION}. Make the plan again.`,
    );
  }
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'top level';
    throw new PlanFileError(
      `${source} is not a valid plan (${where}: ${issue?.message}). Make the plan again.`,
    );
  }
  const ids = new Set(parsed.data.items.map((i) => i.id));
  if (ids.size !== parsed.data.items.length) {
    throw new PlanFileError(`${source} lists the same item id twice. Make the plan again.`);
  }
  return parsed.data as Plan;
}

/** Writes a plan as pretty JSON, through a temporary name so a crash leaves no half file. */
export async function savePlan(file: string, plan: Plan): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(plan, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
  await fs.rename(tmp, file);
}

export async function loadPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new PlanFileError(`Cannot read the plan file ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PlanFileError(`The plan file ${file} is not JSON. Make the plan again.`);
  }
  return parsePlan(value, `The plan file ${file}`);
}
