/**
 * Splits `ALGORITHM Name=value, Name=value` into its named parameters. Undefined when the algorithm differs,
 * a parameter has no '=' or a name repeats; both clouds use this shape.
 */
export function authorizationParams(header: string, algorithm: string): Map<string, string> | undefined {
  const text = header.trim();
  const space = text.indexOf(' ');
  if (space < 0 || text.slice(0, space) !== algorithm) return undefined;
  const params = new Map<string, string>();
  for (const piece of text.slice(space + 1).split(',')) {
    const part = piece.trim();
    const eq = part.indexOf('=');
    if (eq <= 0 || params.has(part.slice(0, eq))) return undefined;
    params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return params;
}
