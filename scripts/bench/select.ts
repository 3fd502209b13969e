// Which benchmarks `npm run bench -- <names>` runs. A name is matched whole (`desk` runs the desk
// benchmark, not desk-sync); a name ending in `*` is a prefix (`memory*` runs memory, memory-lookup and
// memory-archive). No names: all of them. A name that matches none is an error that lists the names.
export function selectBenches(names: readonly string[], asked: readonly string[]): string[] {
  if (asked.length === 0) return [...names]
  const matches = (pattern: string, name: string): boolean =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
  const unknown = asked.filter((pattern) => !names.some((name) => matches(pattern, name)))
  if (unknown.length > 0)
    throw new Error(
      `No benchmark is called ${unknown.map((u) => `"${u}"`).join(', ')}. The benchmarks: ${names.join(', ')} (a name ending in * runs every benchmark starting with it).`
    )
  return names.filter((name) => asked.some((pattern) => matches(pattern, name)))
}
