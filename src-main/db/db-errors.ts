// Recognising database failures: which mean "the server is gone", which are a lost race, which a taken key.

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'CR_CONNECTION_ERROR',
]);

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
  driverError?: DriverError;
  fatal?: boolean;
}

function driverError(e: unknown): DriverError {
  const err = (e ?? {}) as DriverError;
  return err.driverError ?? err;
}

export function isConnectionError(e: unknown): boolean {
  // A server at its connection limit is busy, not gone: the pipeline waits for it (isServerFull).
  if (isServerFull(e)) return false;
  const d = driverError(e);
  if (d.code && CONNECTION_CODES.has(d.code)) return true;
  if (d.fatal) return true;
  const msg = String(d.message ?? '');
  return /Pool is closed|Connection lost|closed state|Can't add new command when connection is in closed state|connect ETIMEDOUT|Connection is not established/i.test(msg);
}

/**
 * Thrown by a service that lost a race it can only settle by reading what the winner committed, which its transaction's
 * snapshot does not show: the pipeline runs the call again in a fresh transaction (it never reads on a second
 * connection while holding one, which a small pool would deadlock on).
 */
export class ReadAfresh extends Error {}

/**
 * The server refused a new connection because it holds as many as it allows (max_connections, or the account's
 * max_user_connections). Nothing is wrong with it: a moment later a connection will be free. Treating this as an
 * outage closed the workstation's whole pool, failing its other calls too and making an overload worse.
 */
export function isServerFull(e: unknown): boolean {
  const d = driverError(e);
  return d.code === 'ER_CON_COUNT_ERROR' || d.code === 'ER_TOO_MANY_USER_CONNECTIONS' || d.code === 'ER_USER_LIMIT_REACHED' || d.errno === 1040 || d.errno === 1203 || d.errno === 1226;
}

/** Lost races the pipeline retries: deadlock, lock wait timeout, a service's ReadAfresh. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof ReadAfresh) return true;
  const d = driverError(e);
  return d.code === 'ER_LOCK_DEADLOCK' || d.code === 'ER_LOCK_WAIT_TIMEOUT' || d.errno === 1213 || d.errno === 1205;
}

/**
 * A table's trigger that would not parse as the table was opened: MariaDB reports it as a syntax error (1064) whose
 * message begins "Trigger '…' has an error in its body". The triggers themselves
 * are fine: on Galera this is how a brute-force abort shows when it lands while the server is parsing a table's
 * triggers (the applier of another node's conflicting commit kills the local statement mid-parse, and the parser
 * reports a syntax error at whatever point it had reached). galera.test.ts met it in several runs of its races,
 * in the booking, admission and charge triggers alike. The pipeline runs the call again, as for a lost race; if it
 * keeps failing it is reported as INTERNAL, not as CONFLICT, since then a trigger really is broken.
 */
export function isInterruptedTriggerLoad(e: unknown): boolean {
  const d = driverError(e);
  return (d.code === 'ER_PARSE_ERROR' || d.errno === 1064) && /^Trigger '[^']*' has an error in its body/.test(String(d.message ?? ''));
}

/** The name of the unique key a duplicate-entry error hit, if it was one. */
export function duplicateKey(e: unknown): string | null {
  const d = driverError(e);
  if (d.code !== 'ER_DUP_ENTRY') return null;
  const m = /for key '(?:[^.']*\.)?([^']+)'/.exec(String(d.message ?? ''));
  return m ? m[1] : 'unknown';
}

/** A sentence for the connection banner; never SQL text or credentials. */
export function describeDbError(e: unknown): string {
  const d = driverError(e);
  switch (d.code) {
    case 'ECONNREFUSED':
      return 'The database server refused the connection: is it running?';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'The database server did not answer in time: check the network and the host name.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The database host name could not be resolved.';
    case 'ER_ACCESS_DENIED_ERROR':
      return 'The database refused the user name or password (or the account requires TLS: give the server’s CA certificate).';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HANDSHAKE_SSL_ERROR':
      return 'The database server’s TLS certificate was not accepted: it is not signed by the given CA certificate, has expired, or does not name this host.';
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return 'The database server does not offer TLS, but a CA certificate was given for this connection.';
    case 'ER_DBACCESS_DENIED_ERROR':
      return 'The database account has no rights on this database: an administrator sets it up with `npm run db:provision`.';
    case 'ER_BAD_DB_ERROR':
      return 'The database does not exist and could not be created.';
    case 'ER_CON_COUNT_ERROR':
      return 'The database server has too many connections; try again shortly.';
    default:
      return 'The database connection was lost; retrying when the server is back.';
  }
}
