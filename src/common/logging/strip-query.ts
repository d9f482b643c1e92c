/** Query strings may carry codes and tokens (OAuth): logs keep only the path. */
export function stripQuery(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
