import { useIntl } from 'react-intl';
import { Bar, BarChart, LabelList, XAxis, YAxis } from 'recharts';
import { useT } from '../i18n/t';

type Bar = { label: string; opened: number; closed: number };
const ROW = 34;
const LABEL = 220;
const WIDTH = 720;

/**
 * Opened and closed files per group, as horizontal bars (Recharts, in the reports screen's
 * lazy chunk). Closed bars are hatched as well as coloured, so the two series differ without
 * colour. For screen readers the chart is one labelled image: its numbers are the table's.
 */
export function ReportChart({ bars }: { bars: Bar[] }) {
  const t = useT();
  const intl = useIntl();
  const series = [
    { key: 'opened', name: t('reports.opened'), className: 'bar-opened' },
    { key: 'closed', name: t('reports.closed'), className: 'bar-closed' },
  ] as const;
  const number = (value: unknown) => intl.formatNumber(Number(value));
  return (
    <figure className="report-chart">
      <ul className="legend" aria-hidden="true">
        {series.map((item) => (
          <li key={item.key}>
            <svg width="16" height="12">
              <rect width="16" height="12" className={item.className} />
            </svg>{' '}
            {item.name}
          </li>
        ))}
      </ul>
      <svg width="0" height="0" aria-hidden="true" className="chart-defs">
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--ok)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
          </pattern>
        </defs>
      </svg>
      <div role="img" aria-label={t('reports.chart')} style={{ maxWidth: WIDTH }}>
        <BarChart
          layout="vertical"
          data={bars}
          responsive
          style={{ width: '100%', height: bars.length * ROW + 16 }}
          accessibilityLayer={false}
          margin={{ top: 4, right: 56, bottom: 4, left: 0 }}
          barGap={2}
        >
          <XAxis type="number" hide allowDecimals={false} domain={[0, 'dataMax']} />
          <YAxis
            type="category"
            dataKey="label"
            width={LABEL}
            interval={0}
            tickLine={false}
            axisLine={false}
            className="chart-label"
          />
          {series.map((item) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.name}
              className={item.className}
              barSize={10}
              isAnimationActive={false}
            >
              <LabelList dataKey={item.key} position="right" className="chart-value" formatter={number} />
            </Bar>
          ))}
        </BarChart>
      </div>
    </figure>
  );
}
