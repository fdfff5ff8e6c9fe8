import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useState } from 'react';
import { messageOf } from './errors';
import { graphql } from './gql';

const DAY = 86_400_000;

export const AnalyticsQuery = graphql(`
  query Analytics($from: DateTime!, $to: DateTime!) {
    analytics(from: $from, to: $to) {
      generations
      tokensUsed
      successRate
      byStatus {
        status
        count
      }
      perDay {
        day
        generations
        tokensUsed
      }
      healthTrend {
        day
        average
        min
        max
      }
    }
  }
`);

const percent = (rate: number | null | undefined) => (rate == null ? '–' : `${(rate * 100).toFixed(1)}%`);

/** The last 30 days: tokens per day, success rate, health trend (recharts, fixed sizes so they render anywhere). */
export default function AnalyticsPage() {
  // Fixed when the page opens: variables that changed on every render would query again on every render.
  const [range] = useState(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date().toISOString() }));
  const { data, error, loading } = useQuery(AnalyticsQuery, { variables: range });
  if (loading && !data) return <p>Loading…</p>;
  if (error) return <p className="error">{messageOf(error)}</p>;
  const a = data!.analytics;
  const finished = a.byStatus.filter((s) => s.status === 'COMPLETED' || s.status === 'FAILED');
  return (
    <section>
      <h1>Analytics, last 30 days</h1>
      <p>
        <span data-testid="total-generations">{a.generations}</span> generations · <span data-testid="total-tokens">{a.tokensUsed}</span> tokens · success rate{' '}
        <span data-testid="success-rate">{percent(a.successRate)}</span>
      </p>
      <div className="charts">
        <div className="chart" data-testid="chart-tokens">
          <h2>Tokens per day</h2>
          <LineChart width={640} height={220} data={a.perDay}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis />
            <Tooltip />
            <Line type="monotone" dataKey="tokensUsed" stroke="#3366cc" isAnimationActive={false} dot />
          </LineChart>
        </div>
        <div className="chart" data-testid="chart-success">
          <h2>Completed and failed</h2>
          <BarChart width={640} height={220} data={finished}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="status" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" fill="#2e7d32" isAnimationActive={false} />
          </BarChart>
        </div>
        <div className="chart" data-testid="chart-health">
          <h2>Health trend</h2>
          <LineChart width={640} height={220} data={a.healthTrend}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis domain={[0, 100]} />
            <Tooltip />
            <Line type="monotone" dataKey="average" stroke="#c62828" isAnimationActive={false} dot />
          </LineChart>
        </div>
      </div>
    </section>
  );
}
