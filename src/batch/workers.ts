import { setImmediate as nextTurn } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { SourceItem } from "../sources/source-item.js";
import {
  errorMessage,
  prepareScreening,
  screenChunk,
  type ChunkOutput,
  type ChunkRequest,
  type ScreeningConfig,
} from "./chunk.js";

/** What a worker starts with: the options and the rule set, loaded once by the main thread. */
export interface WorkerData {
  config: ScreeningConfig;
  ruleSet: RuleSet;
}

/** Households per message to a worker: large enough to amortize messaging, small enough to stream. */
const CHUNK_SIZE = 64;
/** Chunks in flight per worker: bounds memory however large the input. */
const CHUNKS_IN_FLIGHT_PER_WORKER = 3;
/**
 * Chunks the main thread may screen ahead of the oldest chunk still on a worker: results wait in
 * order, so without this room the main thread would sit idle while a worker starts up. Their
 * results take some 2 MB (some 45 MB with `--explain`, whose results are far larger).
 */
const MAIN_THREAD_AHEAD = 16;
/**
 * The room once every worker has answered. Results that wait long outlive a young-generation
 * collection or two and are moved to the old generation, which then grows until a full
 * collection: on 200,000 households the main thread moved 90–200 MB there with the room above,
 * under 40 MB with this one, and finished no later.
 */
const MAIN_THREAD_AHEAD_RUNNING = 4;

/**
 * Heap limits for each worker: a screening worker needs little memory, and without limits V8 lets
 * every isolate's heap grow with the machine's memory before collecting. The young generation is
 * where a household's short-lived objects die; V8 gives it 16, 32 or 64 MB. Measured with
 * `npm run bench` and on 100,000 households, 32 MB was about 20% faster than 16 MB; 64 MB was
 * another 6–9% faster while validation allocated much more per household (zod), but no longer
 * since the validation fast path, and it costs some 50 MB of peak memory per worker.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 160 };

/**
 * Starts a worker running screen-worker: the built `.js` beside this module, or — when running
 * from TypeScript source — the `.ts` file through tsx.
 */
function startWorker(config: ScreeningConfig, ruleSet: RuleSet): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const workerUrl = new URL(fromSource ? "./screen-worker.ts" : "./screen-worker.js", import.meta.url);
  // The rule set the main thread loaded (and checked) is sent as data: workers do not read files again.
  const workerData: WorkerData = { config, ruleSet };
  if (!fromSource) return new Worker(workerUrl, { workerData, resourceLimits: WORKER_LIMITS });
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}

async function* chunks(sources: AsyncIterable<SourceItem>, chunkSize: number): AsyncGenerator<ChunkRequest> {
  let items: SourceItem[] = [];
  let seq = 0;
  let index = 0;
  for await (const item of sources) {
    items.push(item);
    if (items.length === chunkSize) {
      yield { seq: seq++, firstIndex: index, items };
      index += items.length;
      items = [];
    }
  }
  if (items.length) yield { seq, firstIndex: index, items };
}

/** The same error for a chunk that could not be screened, whichever thread screened it. */
function screeningFailed(error: unknown): Error {
  return new Error(`screening failed: ${errorMessage(error)}`);
}

/**
 * Screens a stream of household sources with `threads` screening threads and yields each chunk's
 * output in input order. The main thread is one of them: it reads, hands chunks to `threads - 1`
 * worker threads, and screens a chunk itself whenever every worker has enough queued. So it starts
 * screening while the workers are still starting, and a two-core machine runs two isolates, not
 * three. Chunks are reassembled by sequence number; every thread formats with the same code, so the
 * output bytes do not depend on `threads`. With one thread, each chunk is followed by a turn of the
 * event loop, so a server screening a batch keeps answering other requests.
 */
export async function* screenSources(
  sources: AsyncIterable<SourceItem>,
  config: ScreeningConfig,
  threads: number,
  ruleSet: RuleSet,
  chunkSize = CHUNK_SIZE,
): AsyncGenerator<ChunkOutput> {
  const prepared = prepareScreening(config, ruleSet);
  if (threads <= 1) {
    for await (const request of chunks(sources, chunkSize)) {
      let output: ChunkOutput;
      try {
        output = await screenChunk(prepared, request);
      } catch (error) {
        throw screeningFailed(error);
      }
      yield output;
      await nextTurn();
    }
    return;
  }

  const pool = Array.from({ length: threads - 1 }, () => startWorker(config, ruleSet));
  const outstanding = new Map<Worker, number>(pool.map((worker) => [worker, 0]));
  const finished = new Map<number, ChunkOutput>();
  // A failure takes effect once every chunk before `seq` has been handed on, so a run that fails
  // writes the same results whichever thread screened what (a worker that dies fails at once).
  let failure = null as { seq: number; error: Error } | null;
  const fail = (seq: number, error: Error) => {
    if (!failure || seq < failure.seq) failure = { seq, error };
  };
  let stopping = false;
  const answered = new Set<Worker>();
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  for (const worker of pool) {
    worker.on("message", (message: { seq: number; output?: ChunkOutput; error?: string }) => {
      answered.add(worker);
      outstanding.set(worker, outstanding.get(worker)! - 1);
      if (message.error !== undefined) fail(message.seq, screeningFailed(message.error));
      else finished.set(message.seq, message.output!);
      signal();
    });
    worker.on("error", (error) => {
      fail(-1, error);
      signal();
    });
    worker.on("exit", (code) => {
      if (!stopping) fail(-1, new Error(`a screening worker stopped unexpectedly (exit ${code})`));
      signal();
    });
  }

  try {
    const requests = chunks(sources, chunkSize)[Symbol.asyncIterator]();
    let sent = 0;
    let emitted = 0;
    let inputDone = false;
    // Chunks read and not yet handed on: bounds memory however large the input.
    let limit = pool.length * CHUNKS_IN_FLIGHT_PER_WORKER + MAIN_THREAD_AHEAD;
    for (;;) {
      if (answered.size === pool.length) limit = pool.length * CHUNKS_IN_FLIGHT_PER_WORKER + MAIN_THREAD_AHEAD_RUNNING;
      let own: ChunkRequest | null = null;
      while (!inputDone && !own && !failure && sent - emitted < limit) {
        let next: IteratorResult<ChunkRequest>;
        try {
          next = await requests.next();
        } catch (error) {
          // Unreadable input ends the run after the chunks read before it.
          fail(sent, error as Error);
          inputDone = true;
          break;
        }
        if (next.done) {
          inputDone = true;
          break;
        }
        sent++;
        const worker = pool.reduce((best, candidate) =>
          outstanding.get(candidate)! < outstanding.get(best)! ? candidate : best,
        );
        if (outstanding.get(worker)! < CHUNKS_IN_FLIGHT_PER_WORKER) {
          outstanding.set(worker, outstanding.get(worker)! + 1);
          worker.postMessage(next.value);
        } else own = next.value;
      }
      if (own) {
        // Let worker messages in first, so workers that finished get more input before this chunk
        // holds the main thread.
        await new Promise((resolve) => setImmediate(resolve));
        // Every worker has enough to do: the main thread screens this chunk itself.
        try {
          finished.set(own.seq, await screenChunk(prepared, own));
        } catch (error) {
          fail(own.seq, screeningFailed(error));
        }
      }
      while (finished.has(emitted) && !(failure && failure.seq <= emitted)) {
        const output = finished.get(emitted)!;
        finished.delete(emitted);
        emitted++;
        yield output;
      }
      if (failure && failure.seq <= emitted) throw failure.error;
      if (inputDone && emitted === sent) {
        if (failure) throw failure.error;
        return;
      }
      // While results were being handed on, workers may have finished more, or made room for more input.
      if (own || finished.has(emitted) || (!inputDone && !failure && sent - emitted < limit)) continue;
      // Every chunk sent is either finished or on a worker; if no worker holds one, a result was lost.
      if ([...outstanding.values()].every((count) => count === 0))
        throw new Error(`internal error: the result of chunk ${emitted} was lost`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopping = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
