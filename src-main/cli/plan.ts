// TODO: the "plan" command is not built yet; it reports so instead of pretending to work.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('scim-companion plan: not implemented yet\n');
  return 1;
}
