/** A small SVG line chart of fan-out p99 (and p50) against the number of sockets. */
export function fanoutChart(
  points: { sockets: number; ours: { p50Ms: number; p99Ms: number }; bare: { p50Ms: number; p99Ms: number } }[],
): string {
  const width = 640;
  const height = 360;
  const pad = 56;
  const maxX = Math.max(...points.map((p) => p.sockets));
  const maxY = Math.max(...points.flatMap((p) => [p.ours.p99Ms, p.bare.p99Ms])) * 1.15;
  const x = (v: number) => pad + (v / maxX) * (width - 2 * pad);
  const y = (v: number) => height - pad - (v / maxY) * (height - 2 * pad);
  const line = (values: number[], colour: string, dash = '') =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${points
      .map((p, i) => `${x(p.sockets).toFixed(1)},${y(values[i]).toFixed(1)}`)
      .join(' ')}"/>`;
  const ticks = points
    .map((p) => `<text x="${x(p.sockets)}" y="${height - pad + 18}" text-anchor="middle">${p.sockets}</text>`)
    .join('');
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="${pad - 8}" y="${y(f * maxY) + 4}" text-anchor="end">${Math.round(f * maxY)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">Fan-out latency of one alert (ms) by subscribed sockets</text>
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="black"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="black"/>
${ticks}${yTicks}
${line(
  points.map((p) => p.ours.p99Ms),
  '#c0392b',
)}
${line(
  points.map((p) => p.ours.p50Ms),
  '#c0392b',
  '4 3',
)}
${line(
  points.map((p) => p.bare.p99Ms),
  '#2c3e50',
)}
${line(
  points.map((p) => p.bare.p50Ms),
  '#2c3e50',
  '4 3',
)}
<text x="${width - pad}" y="${pad}" text-anchor="end" fill="#c0392b">Riding Relay p99 (dashed: p50)</text>
<text x="${width - pad}" y="${pad + 16}" text-anchor="end" fill="#2c3e50">bare socket.io p99 (dashed: p50)</text>
<text x="${width / 2}" y="${height - 12}" text-anchor="middle">sockets</text>
</svg>
`;
}
