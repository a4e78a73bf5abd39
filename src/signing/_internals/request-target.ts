/** Path and query of a request-target; absolute-form (`http://host/p?q`) and fragments are tolerated. */
export function splitTarget(target: string): { path: string; query: string } {
  let rest = String(target).replace(/#.*$/s, '');
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  return { path: path === '' ? '/' : path, query: q < 0 ? '' : rest.slice(q + 1) };
}
