import type { Writable } from "node:stream";

/** A one-line progress display on a terminal: households done, rate, and (for files) percent and ETA. */
export interface Progress {
  tick(done: number): void;
  finish(): void;
}

const silent: Progress = { tick: () => undefined, finish: () => undefined };

/**
 * Progress on `stream` when it is a terminal and not `quiet`; nothing otherwise. `fraction()` tells
 * how much of the input has been read (bytes read ÷ file size), when known.
 */
export function createProgress(stream: Writable & { isTTY?: boolean }, quiet: boolean, fraction: () => number | null, now: () => number = Date.now): Progress {
  if (quiet || !stream.isTTY) return silent;
  const started = now();
  let last = 0;
  const render = (done: number) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const part = fraction();
    const eta = part && part > 0 ? ` · ${(part * 100).toFixed(1)}% · ETA ${Math.max(0, Math.round(seconds / part - seconds))}s` : "";
    stream.write(`\r\x1b[K${done.toLocaleString("en-US")} households · ${Math.round(rate).toLocaleString("en-US")}/s${eta}`);
  };
  return {
    tick(done) {
      const time = now();
      if (time - last < 200) return;
      last = time;
      render(done);
    },
    finish() {
      stream.write("\r\x1b[K");
    },
  };
}
