/**
 * Plan files: a plan saved as JSON to be previewed, reviewed and applied later. Loading checks
 * the whole shape, so a hand-edited or truncated file is refused before anything is sent.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { FINDING_KINDS } from '../model';
import { PLAN_VERSION, type Plan, type PlanItem, type WriteOp } from './types';

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
  const plan = parsed.data as Plan;
  const ids = new Set(plan.items.map((i) => i.id));
  if (ids.size !== plan.items.length) {
    throw new PlanFileError(`${source} lists the same item id twice. Make the plan again.`);
  }
  for (const item of plan.items) {
    const problem = inconsistency(plan, item);
    if (problem) {
      throw new PlanFileError(`${source}: item ${item.id} ${problem}. Make the plan again.`);
    }
  }
  return plan;
}

/** The ops each kind of item may carry; an undo reverses any write but a user deletion. */
const OPS_OF_KIND: Partial<Record<PlanItem['kind'], WriteOp['type'][]>> = {
  'orphan-group': ['delete-group'],
  'membership-extra': ['remove-member'],
  'inactive-user': ['reactivate-user'],
  undo: [
    'reactivate-user',
    'deactivate-user',
    'add-members',
    'create-group',
    'remove-member',
    'delete-group',
  ],
};

/** What the preview says an op does, so a summary can be checked against its op. */
const SUMMARY_OF_OP: Record<WriteOp['type'], RegExp> = {
  'deactivate-user': /^Deactivate user /,
  'reactivate-user': /^Reactivate user /,
  'delete-user': /^Delete user /,
  'delete-group': /^Delete (the recreated )?group /,
  'remove-member': /^Remove /,
  'add-members': /^(Add|Put back) /,
  'create-group': /^Recreate group /,
};

/**
 * Why an item cannot be what the planner made (a hand-edited file), or null. The admin reviews
 * the summary; the server gets the op: the two must agree, with each other, with the finding
 * kind and the tenant's policy, and with the object the item expects to find.
 */
function inconsistency(plan: Plan, item: PlanItem): string | null {
  const op = item.op;
  const allowed =
    item.kind === 'deprovision-user'
      ? [plan.policy === 'delete' ? 'delete-user' : 'deactivate-user']
      : (OPS_OF_KIND[item.kind] ?? []);
  if (!allowed.includes(op.type)) {
    return `would send ${op.type}, which no ${item.kind} item under the ${plan.policy} policy sends`;
  }
  if (!SUMMARY_OF_OP[op.type].test(item.summary)) {
    return `says "${item.summary.slice(0, 60)}" but would send ${op.type}`;
  }
  // Group ops name the group first (a member removal names both); a new group has no id yet.
  const target: [string, string] | null =
    'groupId' in op ? ['group', op.groupId] : 'userId' in op ? ['user', op.userId] : null;
  if (target && (item.expected.type !== target[0] || item.expected.id !== target[1])) {
    const [type, id] = target;
    return `would write to ${type} ${id} but expects to find ${item.expected.type} ${item.expected.id}`;
  }
  const removesUser = op.type === 'deactivate-user' || op.type === 'delete-user';
  if (removesUser && item.expected.type === 'user' && item.expected.privileged) {
    if (item.confirmReasons.length === 0) {
      return 'expects a user with roles or entitlements but asks for no second confirmation';
    }
  }
  if (op.type === 'remove-member' && item.member && item.member.id !== op.userId) {
    return `would remove ${op.userId} but names ${item.member.userName} as the member`;
  }
  return null;
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
