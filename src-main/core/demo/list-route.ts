/**
 * Lists of Users and Groups, one page at a time. SCIMMY's own list path turns every resource of
 * the tenant into a schema instance before it cuts the page (about a second per page for the
 * demo on a busy machine). This route answers exactly as SCIMMY would, parsing the query and
 * shaping each resource through SCIMMY, but shapes only the page asked for. A sorted list is
 * left to SCIMMY, which must see everything to sort.
 */
import type { Request, RequestHandler, Response } from 'express';
import SCIMMY from 'scimmy';
import type { DemoStore, ScimRecord } from './store';

const SCIM_JSON = 'application/scim+json';

export interface ListRouteOptions {
  store: DemoStore;
  /** Throws when the request's bearer token is not this tenant's. */
  authenticate(req: Request): void;
  /** What a list shows of a group (the demo hides one group's members). */
  shown(group: ScimRecord): ScimRecord;
}

export function pagedListRoute(
  kind: 'users' | 'groups',
  options: ListRouteOptions,
): RequestHandler {
  const Resource = kind === 'users' ? SCIMMY.Resources.User : SCIMMY.Resources.Group;
  const Schema = kind === 'users' ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;

  return (req, res, next) => {
    if (req.query.sortBy !== undefined) return next();
    try {
      options.authenticate(req);
    } catch (error) {
      sendError(res, { status: 401, message: (error as Error).message });
      return;
    }

    try {
      const query = numericPaging(req.query as Record<string, unknown>);
      const resource = new Resource(undefined, query as ConstructorParameters<typeof Resource>[1]);
      const all = [...options.store[kind].values()];
      const matched = (resource.filter ? resource.filter.match(all) : all) as ScimRecord[];
      const startIndex = resource.constraints?.startIndex ?? 1;
      const count = resource.constraints?.count ?? 20;
      // SCIMMY starts over from the first page when startIndex is past the end: so does this.
      const from = startIndex <= matched.length ? startIndex - 1 : 0;
      const page = matched.slice(from, from + count).map((record) => {
        const copy = structuredClone(record);
        return kind === 'groups' ? options.shown(copy) : copy;
      });
      res.type(SCIM_JSON).send({
        schemas: [SCIMMY.Messages.ListResponse.id],
        Resources: page.map(
          (record) => new Schema(record, 'out', Resource.basepath() as string, resource.attributes),
        ),
        startIndex,
        itemsPerPage: count,
        totalResults: matched.length,
      });
    } catch (error) {
      sendError(res, error as { status?: number; message?: string });
    }
  };
}

/** As scimmy-routers does: numeric strings for startIndex and count become numbers. */
function numericPaging(query: Record<string, unknown>): Record<string, unknown> {
  const parsed = { ...query };
  for (const key of ['startIndex', 'count']) {
    const value = parsed[key];
    if (typeof value === 'string' && value && !Number.isNaN(Number(value))) parsed[key] = +value;
  }
  return parsed;
}

function sendError(res: Response, error: { status?: number; message?: string }): void {
  const status = error.status ?? 500;
  res
    .status(status)
    .type(SCIM_JSON)
    .send(
      new SCIMMY.Messages.Error(error as ConstructorParameters<typeof SCIMMY.Messages.Error>[0]),
    );
}
