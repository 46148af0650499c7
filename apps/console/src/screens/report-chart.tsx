import { useIntl } from 'react-intl';
import { useT } from '../i18n/t';

type Bar = { label: string; opened: number; closed: number };
const ROW = 34;
const LABEL = 220;
const WIDTH = 720;
const BAR = 12;

/**
 * Opened and closed files per group, as horizontal bars drawn in SVG (no charting library:
 * the console adds no dependency, and this lives in the reports screen's lazy chunk).
 * Closed bars are hatched as well as coloured, so the two series differ without colour; the
 * chart is one image for screen readers, whose numbers are the table's.
 */
export function ReportChart({ bars }: { bars: Bar[] }) {
  const t = useT();
  const intl = useIntl();
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.opened, bar.closed]));
  const scale = (value: number) => ((WIDTH - LABEL - 60) * value) / max;
  const height = bars.length * ROW + 8;
  const series = [
    { key: 'opened', name: t('reports.opened'), className: 'bar-opened' },
    { key: 'closed', name: t('reports.closed'), className: 'bar-closed' },
  ] as const;
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
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
        role="img"
        aria-label={t('reports.chart')}
      >
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--ok)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
          </pattern>
        </defs>
        {bars.map((bar, index) => {
          const y = index * ROW + 4;
          return (
            <g key={bar.label}>
              <text x={LABEL - 8} y={y + BAR + 2} textAnchor="end" className="chart-label">
                {bar.label}
              </text>
              {series.map((item, row) => (
                <g key={item.key}>
                  <rect
                    x={LABEL}
                    y={y + row * BAR}
                    width={scale(bar[item.key])}
                    height={BAR - 2}
                    className={item.className}
                  />
                  <text x={LABEL + scale(bar[item.key]) + 4} y={y + row * BAR + BAR - 3} className="chart-value">
                    {intl.formatNumber(bar[item.key])}
                  </text>
                </g>
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
