/**
 * "Test connection": read-only checks in the order an admin would fix them (name lookup,
 * connection, certificate, token, base path, SCIM answer), each with a plain message and, when
 * it failed, what to do about it. It sends discovery reads and a one-user listing, nothing else.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ScimError, isRecord } from './errors';
import { discover, type Discovery } from './discovery';
import { errorCode } from './network-errors';
import { parseListPage } from './paging';
import type { ScimTransport } from './transport';
import { suggestedBaseUrl } from './url';

export type ConnectionStepName =
  'dns' | 'connect' | 'tls' | 'auth' | 'base-path' | 'scim' | 'discovery';

export interface ConnectionStep {
  step: ConnectionStepName;
  ok: boolean;
  message: string;
  fix?: string;
}

export interface ConnectionTest {
  ok: boolean;
  steps: ConnectionStep[];
  discovery: Discovery | null;
  /** totalResults of the one-user listing, when the server gave it. */
  userCount: number | null;
}

/** Runs the checks; never throws for a server problem (each becomes a failed step). */
export async function testConnection(transport: ScimTransport): Promise<ConnectionTest> {
  const steps: ConnectionStep[] = [];
  const done = (discovery: Discovery | null, userCount: number | null): ConnectionTest => ({
    ok: steps.every((s) => s.ok),
    steps,
    discovery,
    userCount,
  });
  const url = new URL(transport.baseUrl);

  const dns = await checkDns(url.hostname);
  steps.push(dns);
  if (!dns.ok) return done(null, null);

  let discovery: Discovery;
  try {
    discovery = await discover(transport);
  } catch (err) {
    steps.push(...stepsForFailure(err, transport.baseUrl));
    return done(null, null);
  }
  steps.push({ step: 'connect', ok: true, message: `Connected to ${url.host}.` });
  if (url.protocol === 'https:') {
    steps.push({ step: 'tls', ok: true, message: 'The server certificate is valid and trusted.' });
  }

  try {
    const res = await transport.get('/Users?startIndex=1&count=1');
    const page = parseListPage(res.json);
    if (!isRecord(res.json) && !Array.isArray(res.json)) throw notScim();
    steps.push({ step: 'auth', ok: true, message: 'The token was accepted.' });
    steps.push({ step: 'base-path', ok: true, message: `${transport.baseUrl}/Users answers.` });
    steps.push({ step: 'scim', ok: true, message: 'The server answers in SCIM.' });
    steps.push(discoveryStep(discovery));
    return done(discovery, page.total);
  } catch (err) {
    // The connect (and TLS) step is already told as good: only what failed after it follows.
    steps.push(...stepsForFailure(err, transport.baseUrl).filter((s) => !s.ok));
    return done(discovery, null);
  }
}

async function checkDns(hostname: string): Promise<ConnectionStep> {
  const name = hostname.replace(/^\[|\]$/g, '');
  if (isIP(name) || name === 'localhost') {
    return { step: 'dns', ok: true, message: `${name} needs no name lookup.` };
  }
  try {
    const { address } = await lookup(name);
    return { step: 'dns', ok: true, message: `${name} resolves to ${address}.` };
  } catch (err) {
    return {
      step: 'dns',
      ok: false,
      message: `${name} could not be found (${errorCode(err) ?? 'lookup failed'}).`,
      fix: 'Check the spelling of the base URL, and your DNS or VPN connection.',
    };
  }
}

function discoveryStep(discovery: Discovery): ConnectionStep {
  const message = discovery.assumptions.length
    ? `Discovery was partial: ${discovery.assumptions.length} default(s) assumed.`
    : 'ServiceProviderConfig, ResourceTypes and Schemas were read.';
  return { step: 'discovery', ok: true, message };
}

function notScim(): ScimError {
  return new ScimError('not-scim', 'The /Users answer is not a SCIM list.');
}

/** The failed step (and the steps known good before it) for an error. */
function stepsForFailure(err: unknown, baseUrl: string): ConnectionStep[] {
  if (!(err instanceof ScimError)) throw err;
  const host = new URL(baseUrl).host;
  const connected: ConnectionStep = { step: 'connect', ok: true, message: `Connected to ${host}.` };
  switch (err.kind) {
    case 'dns':
      return [{ step: 'dns', ok: false, message: err.message }];
    case 'unreachable':
    case 'timeout':
      return [
        {
          step: 'connect',
          ok: false,
          message: err.message,
          fix: 'Check the host and port in the base URL, and any proxy or firewall between.',
        },
      ];
    case 'tls':
      return [
        connected,
        {
          step: 'tls',
          ok: false,
          message: err.message,
          fix: "Add your organisation's CA file to the tenant, or ask the provider to fix the certificate.",
        },
      ];
    case 'unauthorized':
    case 'forbidden':
      return [
        connected,
        {
          step: 'auth',
          ok: false,
          message: err.message,
          fix: 'In VaultOne, Administration > Integration Tokens: create a new token and paste it.',
        },
      ];
    case 'not-found':
    case 'not-scim':
    case 'invalid-url': {
      const suggestion = suggestedBaseUrl(baseUrl);
      return [
        connected,
        {
          step: 'base-path',
          ok: false,
          message: err.message,
          fix: suggestion
            ? `Use ${suggestion} as the base URL (without the resource name at the end).`
            : 'Use the SCIM base URL shown in VaultOne, ending at the SCIM root (often /scim/v2).',
        },
      ];
    }
    default:
      return [connected, { step: 'scim', ok: false, message: err.message }];
  }
}
