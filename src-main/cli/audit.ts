// TODO: the "audit" command is not built yet; it reports so instead of pretending to work.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('scim-companion audit: not implemented yet\n');
  return 1;
}
