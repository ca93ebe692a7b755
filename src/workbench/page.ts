/// <reference lib="dom" />
import { config } from "zod";
import { BUILT_IN_RULE_SETS, type BuiltInRuleSetName } from "../rulesets/built-in-names.js";
import type { Language } from "../messages/catalogue.js";
import type { TableCell } from "../results/table-row.js";
import { WORKLIST_COLUMNS } from "../reporting/worklist-table.js";
import { labelOf } from "../vocabulary/labels.js";
import type { TableEncoding } from "../sources/text-encoding.js";
import { h, saveFile, today } from "./dom.js";
import type { FromWorker, Problem, ScreenedSummary, ScreenSettings, ToWorker } from "./protocol.js";
import { filterBar, householdPage, NO_FILTERS, resultsTable, type Filters } from "./results-view.js";
import { UI } from "./ui-text.js";
import { runWorker } from "./worker.js";

/**
 * The workbench page (dist/workbench.html): one self-contained file that screens a county's tables
 * in the browser, offline. The same script runs twice: as the page, and — started from its own text
 * as a blob — as the Web Worker that does the screening, so the page stays responsive.
 */

// No code is ever generated from strings: zod's compiled validators would need `eval`, which the
// page's Content-Security-Policy forbids; its interpreted ones give the same answers.
config({ jitless: true });

/** A message to the worker before it is numbered. */
type Request = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, "id"> : never) : never;

type Tab = "screen" | "results" | "worklist" | "rejected" | "report" | "book";
const TABS: Tab[] = ["screen", "results", "worklist", "rejected", "report", "book"];

interface ChosenFile {
  name: string;
  bytes: ArrayBuffer;
}

interface State {
  language: Language;
  tab: Tab;
  files: ChosenFile[];
  ruleSet: BuiltInRuleSetName;
  asOf: string;
  encoding: "auto" | TableEncoding;
  county: { threshold: string; dibaoStandard: string; source: string };
  missing: string | null;
  busy: boolean;
  progress: { done: number; total: number; phase: "read" | "screen" } | null;
  problem: Problem | null;
  summary: ScreenedSummary | null;
  filters: Filters;
  page: number;
  household: number | null;
  explanation: { index: number; text: string | null } | null;
  book: { key: string; html: string; hash: string } | null;
}

/** The nodes of a list that are there. */
const present = (...nodes: (Node | null)[]): Node[] => nodes.filter((node): node is Node => node !== null);

/** The parameter names the page words itself (the county's values). */
const PARAMETER_WORDS: Record<Language, Record<string, string>> = {
  zh: { threshold: "监测标准", dibaoStandard: "低保标准" },
  en: { threshold: "monitoring threshold", dibaoStandard: "dibao standard" },
};

function startPage(source: string): void {
  const state: State = {
    language: document.documentElement.lang.startsWith("en") ? "en" : "zh",
    tab: "screen",
    files: [],
    ruleSet: "yunnan",
    asOf: today(),
    encoding: "auto",
    county: { threshold: "", dibaoStandard: "", source: "" },
    missing: null,
    busy: false,
    progress: null,
    problem: null,
    summary: null,
    filters: { ...NO_FILTERS },
    page: 1,
    household: null,
    explanation: null,
    book: null,
  };

  // The worker is this very script, started from its own text: nothing is fetched.
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  let nextId = 1;
  const waiting = new Map<number, (message: FromWorker) => void>();
  const ask = (message: Request, answer: (message: FromWorker) => void) => {
    const id = nextId++;
    waiting.set(id, answer);
    worker.postMessage({ ...message, id });
    return id;
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === "ready") return;
    const answer = waiting.get(message.id);
    if (!answer) return;
    if (message.type !== "progress") waiting.delete(message.id);
    answer(message);
  };

  const t = () => UI[state.language];
  const settings = (): ScreenSettings => ({
    ruleSet: state.ruleSet,
    asOf: state.asOf,
    county:
      state.county.threshold.trim() || state.county.dibaoStandard.trim()
        ? { threshold: state.county.threshold, dibaoStandard: state.county.dibaoStandard, source: state.county.source }
        : null,
    language: state.language,
    ...(state.encoding === "auto" ? {} : { encoding: state.encoding }),
  });
  const parameterWords = (name: string) => PARAMETER_WORDS[state.language][name] ?? name;

  const root = h("div", { class: "app" });
  document.body.replaceChildren(root);
  const panels = {} as Record<Tab, HTMLElement>;

  // ---- what changes while the page is used

  const countyBox = h("fieldset", { class: "county", id: "county" });
  const fileList = h("div", { class: "files", id: "files" });
  const status = h("div", { class: "status", id: "status", role: "status", "aria-live": "polite" });
  const summaryBox = h("div", { class: "summary", id: "summary" });

  function checkDate(): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(state.asOf)) return;
    ask({ type: "check", settings: settings() }, (message) => {
      if (message.type !== "checked") return;
      state.missing = message.missing;
      renderCounty();
    });
  }

  function renderCounty(): void {
    const text = t();
    const input = (
      key: "threshold" | "dibaoStandard" | "source",
      label: string,
      attributes: Record<string, string> = {},
    ) =>
      h(
        "label",
        {
          class: `field${state.problem?.field === key || (key === state.missing && !state.county[key]) ? " invalid" : ""}`,
        },
        h("span", {}, label),
        h("input", {
          name: key,
          value: state.county[key],
          ...attributes,
          oninput: (event: Event) => {
            state.county[key] = (event.target as HTMLInputElement).value;
            state.book = null;
          },
          onchange: () => checkDate(),
        }),
      );
    countyBox.replaceChildren(
      h("legend", {}, text.countyTitle),
      h(
        "p",
        { class: state.missing ? "warn" : "muted" },
        state.missing ? text.countyMissing(state.asOf, parameterWords(state.missing)) : text.countyOptional,
      ),
      h(
        "div",
        { class: "row" },
        input("threshold", text.threshold, { inputmode: "decimal", autocomplete: "off" }),
        input("dibaoStandard", text.dibaoStandard, { inputmode: "decimal", autocomplete: "off" }),
      ),
      input("source", text.source, { placeholder: text.sourcePlaceholder, autocomplete: "off" }),
    );
    countyBox.classList.toggle("needed", state.missing !== null);
  }

  function renderFiles(): void {
    const text = t();
    fileList.replaceChildren(
      state.files.length
        ? h(
            "div",
            {},
            h("strong", {}, `${text.chosen}：`),
            h(
              "ul",
              {},
              state.files.map((file) => h("li", {}, `${file.name}（${text.bytes(file.bytes.byteLength)}）`)),
            ),
            h(
              "button",
              { type: "button", class: "link", onclick: () => ((state.files = []), renderFiles()) },
              text.clearFiles,
            ),
          )
        : h("p", { class: "muted" }, text.noFiles),
    );
  }

  function renderStatus(): void {
    const text = t();
    const items: Node[] = [];
    if (state.busy && state.progress) {
      const { done, total, phase } = state.progress;
      items.push(
        h("progress", { id: "progress", max: Math.max(total, 1), value: phase === "read" ? null : done }),
        h("p", {}, phase === "read" ? text.reading : text.progress(done, total)),
      );
    }
    if (state.problem) {
      const message =
        state.problem.code === "E_NO_PARAMETER_IN_FORCE"
          ? text.missingValue(parameterWords(state.problem.message))
          : state.problem.message;
      items.push(
        h(
          "div",
          { class: "problem", id: "problem" },
          h("strong", {}, `${text.failed}（${state.problem.code}）`),
          h("p", {}, message),
        ),
      );
    }
    status.replaceChildren(...items);
  }

  function renderSummary(): void {
    const text = t();
    const summary = state.summary;
    if (!summary) {
      summaryBox.replaceChildren();
      return;
    }
    const report = summary.report;
    const flags = Object.entries(report.byFlag)
      .filter(([, count]) => count > 0)
      .map(([flag, count]) =>
        h("li", {}, h("span", { class: `badge flag-${flag}` }, labelOf("flag", flag, summary.language)), ` ${count}`),
      );
    summaryBox.replaceChildren(
      ...present(
        h(
          "p",
          {
            class: "done",
            id: "done",
            "data-read-ms": summary.timing.read,
            "data-screen-ms": summary.timing.screen,
            "data-total-ms": summary.timing.total,
          },
          text.done((summary.timing.total / 1000).toFixed(1)),
        ),
        summary.county.length
          ? h(
              "p",
              { class: "provisional", id: "provisional" },
              text.provisional(
                summary.county.map((value) => `${value.label} ${value.value}（${value.source}）`).join("；"),
              ),
            )
          : null,
        h(
          "dl",
          { class: "facts" },
          h("dt", {}, text.summary.households),
          h(
            "dd",
            { id: "count-households" },
            `${report.input.households}（${text.summary.screened} ${report.households}，${text.summary.rejected} ${report.input.rejected}）`,
          ),
          h("dt", {}, text.summary.people),
          h("dd", {}, String(report.people)),
          h("dt", {}, text.summary.asOf),
          h("dd", {}, summary.asOf),
          h("dt", {}, text.summary.ruleSet),
          h("dd", {}, `${summary.ruleSet.id} ${summary.ruleSet.version}（${summary.layers.join(" → ")}）`),
          h("dt", {}, text.summary.hash),
          h("dd", {}, h("code", { id: "hash" }, summary.ruleSet.hash)),
        ),
        h("ul", { class: "flags" }, flags),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", id: "download", class: "primary", onclick: downloadWorkbook }, text.download),
          h(
            "button",
            { type: "button", id: "print-report", onclick: () => (switchTab("report"), printFrame("report-frame")) },
            text.printReport,
          ),
        ),
        h("p", { class: "muted" }, text.downloadHint),
      ),
    );
  }

  // ---- actions

  async function addFiles(list: FileList | null): Promise<void> {
    if (!list?.length) return;
    const chosen = await Promise.all(
      Array.from(list).map(async (file) => ({ name: file.name, bytes: await file.arrayBuffer() })),
    );
    const names = new Set(chosen.map((file) => file.name));
    state.files = [...state.files.filter((file) => !names.has(file.name)), ...chosen];
    state.problem = null;
    renderFiles();
    renderStatus();
  }

  function filesProblem(): string | null {
    const text = t();
    if (!state.files.length) return text.needFiles;
    const other = state.files.filter((file) => !/\.(xlsx|csv)$/i.test(file.name));
    if (other.length) return text.notTables(other.map((file) => file.name).join("、"));
    const workbooks = state.files.filter((file) => /\.xlsx$/i.test(file.name));
    if (workbooks.length > 1) return text.tooManyWorkbooks;
    if (workbooks.length && workbooks.length !== state.files.length) return text.mixed;
    return null;
  }

  function screenFiles(): void {
    const problem = filesProblem() ?? (/^\d{4}-\d{2}-\d{2}$/.test(state.asOf) ? null : t().needDate);
    if (problem) {
      state.problem = { code: "E_USAGE", message: problem };
      renderStatus();
      return;
    }
    state.busy = true;
    state.problem = null;
    state.progress = { done: 0, total: 0, phase: "read" };
    startButton.disabled = true;
    startButton.textContent = t().screening;
    renderStatus();
    ask(
      {
        type: "screen",
        settings: settings(),
        files: state.files.map((file) => ({ name: file.name, bytes: file.bytes })),
      },
      (message) => {
        if (message.type === "progress") {
          state.progress = { done: message.done, total: message.total, phase: message.phase };
          renderStatus();
          return;
        }
        state.busy = false;
        state.progress = null;
        startButton.disabled = false;
        startButton.textContent = t().start;
        if (message.type === "failed") {
          state.problem = message.problem;
          if (message.problem.code === "E_NO_PARAMETER_IN_FORCE") state.missing = message.problem.message;
          renderCounty();
        } else if (message.type === "screened") {
          state.summary = message.summary;
          state.filters = { ...NO_FILTERS };
          state.page = 1;
          state.household = null;
          state.explanation = null;
        }
        renderStatus();
        renderSummary();
        renderData();
      },
    );
  }

  function downloadWorkbook(): void {
    ask({ type: "workbook" }, (message) => {
      if (message.type === "workbook")
        saveFile(message.name, message.bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    });
  }

  function printFrame(id: string): void {
    const frame = document.getElementById(id) as HTMLIFrameElement | null;
    frame?.contentWindow?.print();
  }

  function switchTab(tab: Tab): void {
    state.tab = tab;
    for (const name of TABS) {
      panels[name].hidden = name !== tab;
      document.getElementById(`tab-${name}`)?.setAttribute("aria-selected", String(name === tab));
    }
    if (tab === "book") renderBook();
  }

  // ---- the panels that show a screening

  function renderResults(): void {
    const panel = panels.results;
    const text = t();
    const summary = state.summary;
    if (!summary) {
      panel.replaceChildren(h("p", { class: "muted" }, text.noResults));
      return;
    }
    if (state.household !== null) {
      const result = summary.results[state.household]!;
      const index = state.household;
      const explanation = state.explanation?.index === index ? state.explanation.text : null;
      panel.replaceChildren(
        householdPage(
          result,
          summary.language,
          summary.catalogue,
          () => {
            state.household = null;
            renderResults();
          },
          () => explain(index),
          state.explanation?.index === index && state.explanation.text === null ? text.explaining : explanation,
        ),
      );
      return;
    }
    const table = h("div", {});
    const draw = () =>
      table.replaceChildren(
        resultsTable(
          summary.results,
          summary.language,
          summary.catalogue,
          state.filters,
          state.page,
          (index) => {
            state.household = index;
            renderResults();
            window.scrollTo(0, 0);
          },
          (page) => {
            state.page = page;
            draw();
          },
        ),
      );
    draw();
    panel.replaceChildren(
      filterBar(summary.results, summary.language, summary.catalogue, state.filters, (filters) => {
        state.filters = filters;
        state.page = 1;
        draw();
      }),
      table,
    );
  }

  function explain(resultIndex: number): void {
    const summary = state.summary!;
    const inputIndex = summary.order.findIndex((entry) => entry.kind === "result" && entry.at === resultIndex);
    state.explanation = { index: resultIndex, text: null };
    renderResults();
    ask({ type: "explain", index: inputIndex }, (message) => {
      if (message.type !== "explained") return;
      state.explanation = { index: resultIndex, text: message.text };
      if (state.household === resultIndex) renderResults();
    });
  }

  const cellText = (cell: TableCell) => (typeof cell === "string" ? cell : "number" in cell ? cell.number : cell.date);

  function renderWorklist(): void {
    const panel = panels.worklist;
    const text = t();
    const summary = state.summary;
    if (!summary) return void panel.replaceChildren(h("p", { class: "muted" }, text.noResults));
    const language = summary.language;
    const villages = new Map<string, TableCell[][]>();
    for (const row of summary.worklistRows) {
      const village = cellText(row[0]!);
      villages.set(village, [...(villages.get(village) ?? []), row]);
    }
    panel.replaceChildren(
      h("p", { class: "intro" }, text.worklistIntro(summary.asOf)),
      villages.size
        ? h(
            "div",
            { id: "worklist" },
            [...villages].map(([village, rows]) =>
              h(
                "section",
                { class: "card" },
                h("h3", {}, `${village || text.noVillage}（${rows.length}）`),
                h(
                  "table",
                  { class: "grid" },
                  h(
                    "thead",
                    {},
                    h(
                      "tr",
                      {},
                      WORKLIST_COLUMNS.slice(1).map((column) => h("th", {}, column[language])),
                    ),
                  ),
                  h(
                    "tbody",
                    {},
                    rows.map((row) =>
                      h(
                        "tr",
                        {},
                        row
                          .slice(1)
                          .map((cell) => h("td", { class: typeof cell === "string" ? "" : "num" }, cellText(cell))),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, text.worklistEmpty),
    );
  }

  function renderRejected(): void {
    const panel = panels.rejected;
    const text = t();
    const summary = state.summary;
    if (!summary) return void panel.replaceChildren(h("p", { class: "muted" }, text.noResults));
    const c = text.rejectedColumns;
    panel.replaceChildren(
      h("p", { class: "intro" }, text.rejectedIntro),
      summary.rejected.length
        ? h(
            "table",
            { class: "grid", id: "rejected-table" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [c.id, c.where, c.cell, c.message].map((header) => h("th", {}, header)),
              ),
            ),
            h(
              "tbody",
              {},
              summary.rejected.flatMap((entry) =>
                entry.problems.map((problem, index) =>
                  h(
                    "tr",
                    {},
                    h("td", {}, index === 0 ? (entry.householdId ?? "") : ""),
                    h("td", {}, problem.where),
                    h("td", { class: "cell" }, problem.cell ?? ""),
                    h("td", {}, problem.message),
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, text.rejectedEmpty),
    );
  }

  function frame(id: string, html: string, title: string): HTMLIFrameElement {
    const element = h("iframe", { id, class: "document", title });
    element.srcdoc = html;
    return element;
  }

  function renderReport(): void {
    const panel = panels.report;
    const text = t();
    const summary = state.summary;
    if (!summary) return void panel.replaceChildren(h("p", { class: "muted" }, text.noResults));
    panel.replaceChildren(
      h("p", { class: "intro" }, text.reportIntro),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "primary", onclick: () => printFrame("report-frame") }, text.printReport),
        h(
          "button",
          {
            type: "button",
            id: "download-report",
            onclick: () =>
              saveFile(summary.language === "zh" ? "月度报告.html" : "report.html", summary.reportHtml, "text/html"),
          },
          text.downloadReport,
        ),
      ),
      frame("report-frame", summary.reportHtml, text.tabs.report),
    );
  }

  function renderBook(): void {
    const panel = panels.book;
    const text = t();
    const current = settings();
    const key = JSON.stringify(current);
    const show = (book: { html: string; hash: string }) =>
      panel.replaceChildren(
        h("p", { class: "intro" }, text.bookIntro),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "primary",
              id: "download-book",
              onclick: () =>
                saveFile(`book-${current.ruleSet.replace(/\//g, "-")}-${current.asOf}.html`, book.html, "text/html"),
            },
            text.downloadBook,
          ),
          h("button", { type: "button", onclick: () => printFrame("book-frame") }, text.printBook),
        ),
        frame("book-frame", book.html, text.tabs.book),
      );
    if (state.book?.key === key) return show(state.book);
    panel.replaceChildren(h("p", { class: "muted" }, text.bookLoading));
    ask({ type: "book", settings: current }, (message) => {
      if (message.type === "book") {
        state.book = { key, html: message.html, hash: message.hash };
        if (state.tab === "book") show(state.book);
      } else if (message.type === "failed")
        panel.replaceChildren(h("div", { class: "problem" }, h("p", {}, message.problem.message)));
    });
  }

  function renderData(): void {
    renderResults();
    renderWorklist();
    renderRejected();
    renderReport();
    const summary = state.summary;
    for (const [tab, count] of [
      ["results", summary?.results.length],
      ["rejected", summary?.rejected.length],
    ] as const) {
      const badge = document.getElementById(`count-${tab}`);
      if (badge) badge.textContent = count === undefined ? "" : String(count);
    }
    if (state.tab === "book") renderBook();
  }

  // ---- the page

  let startButton: HTMLButtonElement;

  function render(): void {
    const text = t();
    document.documentElement.lang = state.language === "zh" ? "zh-CN" : "en";
    document.title = `${text.title} · ${text.brand}`;
    const fileInput = h("input", {
      type: "file",
      id: "file-input",
      multiple: true,
      accept: ".xlsx,.csv",
      onchange: (event: Event) => {
        const input = event.target as HTMLInputElement;
        void addFiles(input.files).then(() => (input.value = ""));
      },
    });
    const drop: HTMLLabelElement = h(
      "label",
      {
        class: "drop",
        for: "file-input",
        id: "drop",
        ondragover: (event: Event) => (event.preventDefault(), drop.classList.add("over")),
        ondragleave: () => drop.classList.remove("over"),
        ondrop: (event: Event) => {
          event.preventDefault();
          drop.classList.remove("over");
          void addFiles((event as DragEvent).dataTransfer?.files ?? null);
        },
      },
      h("strong", {}, text.dropTitle),
      h("span", {}, text.dropHint),
    );
    startButton = h("button", { type: "button", class: "primary big", id: "start", onclick: screenFiles }, text.start);
    panels.screen = h(
      "section",
      { class: "panel", id: "panel-screen" },
      h("div", { class: "card" }, drop, fileInput, fileList),
      h(
        "div",
        { class: "card settings" },
        h(
          "label",
          { class: "field" },
          h("span", {}, text.ruleSet),
          h(
            "select",
            {
              id: "rule-set",
              onchange: (event: Event) => {
                state.ruleSet = (event.target as HTMLSelectElement).value as BuiltInRuleSetName;
                state.book = null;
                checkDate();
              },
            },
            BUILT_IN_RULE_SETS.map((name) =>
              h("option", { value: name, selected: name === state.ruleSet }, text.ruleSets[name] ?? name),
            ),
          ),
        ),
        h(
          "label",
          { class: "field" },
          h("span", {}, text.asOf),
          h("input", {
            type: "date",
            id: "as-of",
            value: state.asOf,
            onchange: (event: Event) => {
              state.asOf = (event.target as HTMLInputElement).value;
              state.book = null;
              checkDate();
            },
          }),
        ),
        h(
          "label",
          { class: "field" },
          h("span", {}, text.encoding),
          h(
            "select",
            {
              id: "encoding",
              onchange: (event: Event) =>
                (state.encoding = (event.target as HTMLSelectElement).value as State["encoding"]),
            },
            ["auto", "utf8", "gb18030"].map((value) =>
              h("option", { value, selected: value === state.encoding }, text.encodings[value] ?? value),
            ),
          ),
        ),
      ),
      countyBox,
      h("div", { class: "go" }, startButton),
      status,
      summaryBox,
    );
    for (const tab of ["results", "worklist", "rejected", "report", "book"] as const)
      panels[tab] = h("section", { class: "panel", id: `panel-${tab}`, hidden: true });
    root.replaceChildren(
      h(
        "header",
        { class: "top" },
        h("div", {}, h("h1", {}, text.title), h("p", { class: "brand" }, text.brand)),
        h("p", { class: "offline" }, text.offline),
        h("button", { type: "button", id: "language", class: "link", onclick: switchLanguage }, text.switchLanguage),
      ),
      h(
        "nav",
        { class: "tabs", role: "tablist" },
        TABS.map((tab) =>
          h(
            "button",
            {
              type: "button",
              role: "tab",
              id: `tab-${tab}`,
              "aria-selected": String(tab === state.tab),
              onclick: () => switchTab(tab),
            },
            text.tabs[tab],
            tab === "results" || tab === "rejected" ? h("span", { class: "count-badge", id: `count-${tab}` }) : null,
          ),
        ),
      ),
      h(
        "main",
        {},
        TABS.map((tab) => panels[tab]),
      ),
    );
    renderFiles();
    renderCounty();
    renderStatus();
    renderSummary();
    renderData();
    switchTab(state.tab);
  }

  function switchLanguage(): void {
    state.language = state.language === "zh" ? "en" : "zh";
    state.book = null;
    const screened = state.summary !== null;
    render();
    checkDate();
    // Results, reasons and the report are worded when screened: screen again in the new language.
    if (screened && !state.busy) screenFiles();
  }

  render();
  checkDate();
}

if (typeof document === "undefined") runWorker();
else startPage(document.currentScript?.textContent ?? "");
