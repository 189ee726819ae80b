import "server-only";
import { readScenarioFiles } from "./scenario-files.ts";
import type { ScenarioSummary } from "./views.ts";

/** GET /drills/scenarios — the valid scenario files (an invalid one is for playbooks:check). */
export function listScenarios(): ScenarioSummary[] {
  return readScenarioFiles().flatMap((f) => {
    const s = f.scenario;
    if (!s) return [];
    return [
      {
        slug: s.slug,
        title: s.title,
        description: s.description,
        objectives: s.objectives,
        playbook: s.playbook,
        roles: s.roles,
        durationSeconds: s.durationSeconds,
        fleetHosts: s.fleet.hosts,
        injectCount: s.injects.length,
        expected: s.expected.map((e) => ({
          id: e.id,
          label: e.label,
          role: e.role,
          within: e.within,
        })),
        hash: f.contentHash,
      },
    ];
  });
}
