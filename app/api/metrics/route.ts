// GET /api/metrics — Prometheus text exposition for operators (Bearer BREAKWATER_METRICS_TOKEN)
import { withMetricsToken } from "@/lib/http/with-metrics-token";
import { renderPrometheusMetrics } from "@/lib/metrics/prometheus-metrics";

export const GET = withMetricsToken(async () => {
  const m = await renderPrometheusMetrics();
  return new Response(m.body, {
    headers: { "content-type": m.contentType, "cache-control": "no-store" },
  });
});
