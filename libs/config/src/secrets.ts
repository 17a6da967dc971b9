/**
 * A secret whose variable name is data, not code (a carrier row's `connection.passwordEnv: "VIETTEL_SMPP_PASSWORD"`),
 * read from the environment when the connection is built. Every other setting is read once by `loadConfig`.
 */
export function envSecret(variable: string, env: Record<string, string | undefined> = process.env): string | null {
  const value = env[variable];
  return value === undefined || value === '' ? null : value;
}
