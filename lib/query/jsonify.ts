// What a server value looks like after JSON.stringify → fetch → JSON.parse: Dates arrive as
// strings. Client types are derived from the server functions' return types through this
// (`Jsonify<Awaited<ReturnType<typeof listHosts>>>`, imported with `import type`), so a DTO
// change on the server is a type error in the client instead of a silent drift.
export type Jsonify<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;
