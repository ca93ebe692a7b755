/** Small inline SVG charts for self-contained HTML reports (no scripts, no network). */

export const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** About how wide a label is at the charts' 12 px: a CJK character some 12 px, others some 7. */
const textWidth = (text: string) => [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e7f ? 12 : 7), 0);

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"];

/** A horizontal bar chart: one bar per label. */
export function barChart(title: string, bars: { label: string; value: number; color?: string }[]): string {
  const rowHeight = 26;
  // Wide enough for the longest label (labels carry their percentage), at most half the chart.
  const labelWidth = Math.min(320, Math.max(170, ...bars.map((bar) => textWidth(bar.label) + 12)));
  const width = 640;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * rowHeight + 34;
  const rows = bars.map((bar, index) => {
    const y = 28 + index * rowHeight;
    const length = Math.round(((width - labelWidth - 70) * bar.value) / max);
    return (
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(bar.label)}</text>` +
      `<rect class="bar" x="${labelWidth}" y="${y + 2}" width="${length}" height="${rowHeight - 8}" fill="${bar.color ?? PALETTE[index % PALETTE.length]}"><title>${escapeHtml(bar.label)}: ${bar.value}</title></rect>` +
      `<text x="${labelWidth + length + 6}" y="${y + 15}">${bar.value}</text>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text class="title" x="0" y="16">${escapeHtml(title)}</text>${rows.join("")}</svg>`
  );
}

/** Stacked horizontal bars: one row per label, one segment per series, with a legend. */
export function stackedBarChart(
  title: string,
  series: string[],
  rows: { label: string; values: number[] }[],
  colors: readonly string[] = PALETTE,
): string {
  const rowHeight = 26;
  const labelWidth = 120;
  const width = 640;
  const max = Math.max(1, ...rows.map((row) => row.values.reduce((a, b) => a + b, 0)));
  // Each legend entry as wide as its text.
  let legendX = labelWidth;
  const legend = series.map((name, index) => {
    const x = legendX;
    legendX += 16 + textWidth(name) + 14;
    return `<rect x="${x}" y="24" width="12" height="12" fill="${colors[index % colors.length]}"/><text x="${x + 16}" y="34">${escapeHtml(name)}</text>`;
  });
  const body = rows.map((row, rowIndex) => {
    const y = 48 + rowIndex * rowHeight;
    let x = labelWidth;
    const segments = row.values.map((value, index) => {
      const length = Math.round(((width - labelWidth - 60) * value) / max);
      const rect = value
        ? `<rect class="bar" x="${x}" y="${y + 2}" width="${length}" height="${rowHeight - 8}" fill="${colors[index % colors.length]}"><title>${escapeHtml(row.label)} · ${escapeHtml(series[index]!)}: ${value}</title></rect>`
        : "";
      x += length;
      return rect;
    });
    const total = row.values.reduce((a, b) => a + b, 0);
    return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(row.label)}</text>${segments.join("")}<text x="${x + 6}" y="${y + 15}">${total}</text>`;
  });
  const height = 56 + rows.length * rowHeight;
  // Long legends (English labels) widen the chart rather than run off it.
  const svgWidth = Math.max(width, legendX);
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" width="${svgWidth}" height="${height}" viewBox="0 0 ${svgWidth} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text class="title" x="0" y="16">${escapeHtml(title)}</text>${legend.join("")}${body.join("")}</svg>`
  );
}
