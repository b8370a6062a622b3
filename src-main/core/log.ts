/**
 * The one logger. `info` is for what an admin would put in a support bundle (tenant name,
 * operation, counts, durations); `debug` for request lines. Never a token, never a full record.
 */
import pino from 'pino';

export const log = pino(
  {
    level: process.env.SCIM_COMPANION_LOG_LEVEL ?? 'info',
    // Belt and braces: even if a caller slips, these fields never reach the output.
    redact: {
      paths: ['token', '*.token', 'authorization', '*.authorization', 'headers'],
      censor: '[redacted]',
    },
    base: undefined,
  },
  pino.destination({ dest: process.env.SCIM_COMPANION_LOG_FILE ?? 2, sync: true }),
);

export type Logger = typeof log;
