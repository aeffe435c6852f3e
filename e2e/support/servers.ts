// Where the suite's own API and web app listen: ports chosen to stay clear of `npm start`'s, and
// movable (LATCHKEY_E2E_API_PORT, LATCHKEY_E2E_WEB_PORT) so two checkouts can run the suite at once.
function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) throw new Error(`${name} must be a TCP port, got ${process.env[name]}`);
  return value;
}

export const API_PORT = port("LATCHKEY_E2E_API_PORT", 4310);
export const WEB_PORT = port("LATCHKEY_E2E_WEB_PORT", 3310);

export const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
export const API_GRAPHQL_URL = `${API_ORIGIN}/graphql`;
export const WEB_ORIGIN = `http://127.0.0.1:${WEB_PORT}`;
