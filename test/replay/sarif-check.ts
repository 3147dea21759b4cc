/**
 * Structural checks of the essential parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json),
 * for offline tests: returns the list of problems (empty when valid).
 */
const LEVELS = ['none', 'note', 'warning', 'error'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function sarifProblems(log: unknown): string[] {
  const p: string[] = [];
  if (!isObject(log)) return ['log is not an object'];
  if (log['version'] !== '2.1.0') p.push('version must be "2.1.0"');
  if (log['$schema'] !== undefined && typeof log['$schema'] !== 'string') p.push('$schema must be a URI string');
  const runs = log['runs'];
  if (!Array.isArray(runs)) return [...p, 'runs must be an array'];
  runs.forEach((run: unknown, r) => {
    const at = `runs[${r}]`;
    if (!isObject(run)) return void p.push(`${at} is not an object`);
    const driver = isObject(run['tool']) ? run['tool']['driver'] : undefined;
    if (!isObject(driver)) return void p.push(`${at}.tool.driver is required`);
    if (typeof driver['name'] !== 'string' || driver['name'] === '') p.push(`${at}.tool.driver.name must be a non-empty string`);
    const ruleIds = new Set<string>();
    if (driver['rules'] !== undefined) {
      if (!Array.isArray(driver['rules'])) p.push(`${at}.tool.driver.rules must be an array`);
      else for (const rule of driver['rules'] as unknown[]) {
        if (!isObject(rule) || typeof rule['id'] !== 'string') p.push(`${at}.tool.driver.rules[] needs an id`);
        else ruleIds.add(rule['id']);
      }
    }
    const results = run['results'];
    if (results === undefined) return;
    if (!Array.isArray(results)) return void p.push(`${at}.results must be an array`);
    results.forEach((res: unknown, k) => {
      const rat = `${at}.results[${k}]`;
      if (!isObject(res)) return void p.push(`${rat} is not an object`);
      const message = res['message'];
      if (!isObject(message) || (typeof message['text'] !== 'string' && typeof message['id'] !== 'string')) p.push(`${rat}.message needs text or id`);
      if (res['ruleId'] !== undefined && typeof res['ruleId'] !== 'string') p.push(`${rat}.ruleId must be a string`);
      if (typeof res['ruleId'] === 'string' && ruleIds.size > 0 && !ruleIds.has(res['ruleId'])) p.push(`${rat}.ruleId ${res['ruleId']} is not in tool.driver.rules`);
      if (res['level'] !== undefined && !LEVELS.includes(res['level'] as string)) p.push(`${rat}.level must be one of ${LEVELS.join(', ')}`);
      const locations = res['locations'];
      if (locations === undefined) return;
      if (!Array.isArray(locations)) return void p.push(`${rat}.locations must be an array`);
      locations.forEach((loc: unknown, n) => {
        const lat = `${rat}.locations[${n}]`;
        const phys = isObject(loc) ? loc['physicalLocation'] : undefined;
        if (!isObject(phys)) return void p.push(`${lat}.physicalLocation is required here`);
        const art = phys['artifactLocation'];
        if (!isObject(art) || typeof art['uri'] !== 'string') p.push(`${lat}.physicalLocation.artifactLocation.uri must be a string`);
        const region = phys['region'];
        if (region === undefined) return;
        if (!isObject(region)) return void p.push(`${lat}.region must be an object`);
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
          const v = region[key];
          if (v !== undefined && (!Number.isInteger(v) || (v as number) < 1)) p.push(`${lat}.region.${key} must be an integer >= 1`);
        }
        if (Number(region['endLine']) < Number(region['startLine'])) p.push(`${lat}.region ends before it starts`);
      });
    });
  });
  return p;
}
