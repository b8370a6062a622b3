/**
 * The `apply` command as a stand-alone entry, bundled by the kill tests so each child process
 * starts in a fraction of the time tsx needs to compile the CLI. Same code as the real command.
 */
import { run } from '../../src-main/cli/apply';

process.exitCode = await run(process.argv.slice(2));
