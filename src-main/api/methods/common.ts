/** Schemas shared by several method files. */
import { z } from 'zod';

/** A tenant as the contract names it: the profile id, or `demo` for the demo tenant. */
export const tenantId = z.string().min(1).max(200);

/** Methods that take nothing still take an (empty) object, so every input is validated. */
export const noInput = z.object({}).strict();

export const tenantRef = z.object({ tenantId }).strict();
