import type { Writable } from "node:stream";
import cliProgress from "cli-progress";
import { message, type Language } from "../messages/catalogue.js";

/** Progress of a long run on a terminal: a bar with households done, rate and time left. */
export interface Progress {
  /** `done` households so far (screened, rejected or written). */
  tick(done: number): void;
  /** Clears the bar; call it once, also when the run fails. */
  finish(): void;
}

/** What the bar measures. */
export interface ProgressOptions {
  language: Language;
  /** The number of households when known in advance (`dixian generate`). */
  total?: number;
  /** How much of the input has been read (bytes read ÷ file size), when known. */
  fraction?: () => number | null;
  /** The clock, for the rate; tests pass their own. */
  now?: () => number;
}

const silent: Progress = { tick: () => undefined, finish: () => undefined };
/** Steps of a bar driven by a fraction of the input read. */
const STEPS = 1000;

/**
 * A progress bar on `stream` (standard error) when it is a terminal and not `quiet`; nothing
 * otherwise, so a redirected or piped run writes no progress at all. The bar is drawn by
 * cli-progress, at most a few times a second; when the size of the work is unknown (standard
 * input) it shows the count and the rate without a bar.
 */
export function createProgress(
  stream: Writable & { isTTY?: boolean },
  quiet: boolean,
  options: ProgressOptions,
): Progress {
  if (quiet || !stream.isTTY) return silent;
  const { language, total, fraction } = options;
  const now = options.now ?? Date.now;
  const unit = message("progressHouseholds", language);
  const rateUnit = message("progressRate", language);
  const eta = message("progressEta", language);
  const sized = total !== undefined || (fraction?.() ?? null) !== null;
  const format = sized
    ? `{bar} {percentage}% · {households} ${unit} · {rate} ${rateUnit} · ${eta} {eta_formatted}`
    : `{households} ${unit} · {rate} ${rateUnit}`;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format,
      barsize: 24,
      hideCursor: false,
      gracefulExit: false,
      clearOnComplete: true,
      stopOnComplete: false,
      etaBuffer: 64,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = now();
  const payload = (done: number) => ({
    households: done.toLocaleString("en-US"),
    rate: Math.round(done / Math.max((now() - started) / 1000, 0.001)).toLocaleString("en-US"),
  });
  const value = (done: number) =>
    total !== undefined ? done : Math.min(STEPS, Math.round((fraction?.() ?? 0) * STEPS));
  bar.start(total ?? STEPS, 0, payload(0));
  let finished = false;
  return {
    tick(done) {
      if (!finished) bar.update(value(done), payload(done));
    },
    finish() {
      if (finished) return;
      finished = true;
      bar.stop();
    },
  };
}
