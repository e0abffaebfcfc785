/**
 * Charts of the overview, drawn by uPlot (a small maintained chart library, bundled and served by hookd).
 * Each chart's figure carries a text summary for screen readers.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface SeriesPoint {
  at: string;
  succeeded: number;
  failed: number;
}

const SUCCEEDED = '#1a7f37';
const FAILED = '#c62828';

function width(element: HTMLElement): number {
  return Math.max(280, Math.min(900, element.clientWidth || 600));
}

export function volumeChart(element: HTMLElement, points: SeriesPoint[]): uPlot {
  const xs = points.map((p) => Date.parse(p.at) / 1000);
  const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
  return new uPlot({
    width: width(element),
    height: 220,
    title: 'Attempts',
    scales: { x: { time: true } },
    series: [
      {},
      { label: 'Succeeded', stroke: SUCCEEDED, fill: 'rgba(26,127,55,0.35)', paths: bars },
      { label: 'Failed', stroke: FAILED, fill: 'rgba(198,40,40,0.45)', paths: bars },
    ],
    axes: [{}, { label: 'attempts', size: 60 }],
  }, [xs, points.map((p) => p.succeeded), points.map((p) => p.failed)], element);
}

export function successRateChart(element: HTMLElement, points: SeriesPoint[]): uPlot {
  const xs = points.map((p) => Date.parse(p.at) / 1000);
  const rate = points.map((p) => (p.succeeded + p.failed === 0 ? null : (100 * p.succeeded) / (p.succeeded + p.failed)));
  return new uPlot({
    width: width(element),
    height: 220,
    title: 'Success rate',
    scales: { x: { time: true }, y: { range: [0, 100] } },
    series: [{}, { label: 'Success rate (%)', stroke: '#0b5cad', width: 2, spanGaps: true, points: { show: true } }],
    axes: [{}, { label: '%', size: 50 }],
  }, [xs, rate], element);
}

/** What a chart shows, in words. */
export function describeSeries(points: SeriesPoint[]): string {
  const succeeded = points.reduce((sum, p) => sum + p.succeeded, 0);
  const failed = points.reduce((sum, p) => sum + p.failed, 0);
  const busiest = points.reduce((best, p) => (p.succeeded + p.failed > best.succeeded + best.failed ? p : best), points[0] ?? { at: '', succeeded: 0, failed: 0 });
  return `${succeeded + failed} attempts, ${succeeded} succeeded and ${failed} failed` +
    (busiest.at && succeeded + failed > 0 ? `; busiest period from ${new Date(busiest.at).toLocaleString()}` : '');
}
