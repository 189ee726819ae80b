// One value per process for a process-wide resource (the database, a polling interval, the
// live-change listeners, what boot hands to the routes). Next.js bundles instrumentation and
// routes as separate module graphs, and dev mode re-evaluates modules on every edit, so plain
// module state would exist once per graph and per reload: two PGlite instances on one data
// dir, a second timer loop, routes that never see what boot registered. Anything that is not
// such a resource is plain module state.
export function processSingleton<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, unknown>;
  const k = Symbol.for(`breakwater.${key}`);
  if (!(k in store)) store[k] = create();
  return store[k] as T;
}
