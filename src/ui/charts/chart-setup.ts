/**
 * Chart.js, with only the parts Kring draws (bar charts), registered once. Loaded only by the
 * facilitator and projection views, never by a tablet (an ESLint rule guards the participant UI).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type Plugin,
} from 'chart.js';

/** Writes each bar's count on it (Figure 1 of the study prints its values too). */
const valueLabels: Plugin<'bar'> = {
  id: 'kringValueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    const tickFont = chart.options.scales?.y?.ticks?.font as { size?: number } | undefined;
    ctx.font = `700 ${(tickFont?.size ?? 13) + 1}px system-ui, sans-serif`;
    ctx.fillStyle = '#1a1a1a';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      const { valueLabels: labels, valueLabelColor } = dataset as {
        valueLabels?: string[];
        valueLabelColor?: string;
      };
      meta.data.forEach((bar, i) => {
        const label = labels?.[i];
        if (!label) return;
        const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as {
          x: number;
          y: number;
          base: number;
        };
        const length = Math.abs((horizontal ? x : y) - base);
        const stacked = chart.options.scales?.x?.stacked === true;
        if (stacked && length < 22) return;
        ctx.fillStyle = stacked ? (valueLabelColor ?? '#1a1a1a') : '#1a1a1a';
        if (stacked) {
          ctx.fillText(label, horizontal ? (x + base) / 2 : x, horizontal ? y : (y + base) / 2);
        } else if (horizontal) {
          ctx.textAlign = 'left';
          ctx.fillText(label, x + 6, y);
          ctx.textAlign = 'center';
        } else ctx.fillText(label, x, y - 10);
      });
    });
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, valueLabels);
// Axis and legend text as dark as the page's (Chart.js's grey is too faint on a beamer).
Chart.defaults.color = '#1a1a1a';

export { Chart };
