let loadingEngineFactory: Promise<typeof import("./engine-factory.js")> | null = null;

/** json-rules-engine and dixian's setup of it, loaded on first use and then kept. */
export function engineFactory(): Promise<typeof import("./engine-factory.js")> {
  return (loadingEngineFactory ??= import("./engine-factory.js"));
}
