package org.graphrec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of benchmark results (XChart, headless). Each method returns the file name written. */
public final class Charts {

    private Charts() {
    }

    /** Latency percentiles per serving operation: grouped bars of p50/p95/p99 in ms. */
    public static String serveLatency(BenchResult r, Path dir) {
        Map<String, double[]> ops = new LinkedHashMap<>();
        for (Measurement m : r.measurements()) {
            for (int q = 0; q < 3; q++) {
                String suffix = new String[] {" p50", " p95", " p99"}[q];
                if (m.name().endsWith(suffix) && "ms".equals(m.unit())) {
                    String op = m.name().substring(0, m.name().length() - suffix.length());
                    ops.computeIfAbsent(op, k -> new double[3])[q] = m.median();
                }
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("serve latency (" + r.dataset() + ")").xAxisTitle("operation")
                .yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setXAxisLabelRotation(30);
        // from ~1 ms (exact top-K) to ~500 ms (neighbourhood walks): on a linear axis the fast rows vanish; bars
        // cannot sit on a log axis (they start at 0), so the percentiles are markers
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        // an operation without samples (NaN) or a zero reading has no place on a log axis
        ops.values().removeIf(v -> !(v[0] > 0 && v[1] > 0 && v[2] > 0));
        List<String> names = new ArrayList<>(ops.keySet());
        for (int q = 0; q < 3; q++) {
            List<Double> y = new ArrayList<>();
            for (String op : names) {
                y.add(ops.get(op)[q]);
            }
            chart.addSeries(new String[] {"p50", "p95", "p99"}[q], names, y);
        }
        return save(chart, dir, "serve-latency");
    }

    /** Validation accuracy per method: one bar group per metric. */
    public static String accuracy(BenchResult r, Path dir) {
        Map<String, Map<String, Double>> byMetric = new LinkedHashMap<>();
        List<String> methods = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            int at = m.name().indexOf(" valid ");
            if (at > 0) {
                String method = m.name().substring(0, at);
                String metric = m.name().substring(at + " valid ".length());
                if (!methods.contains(method)) {
                    methods.add(method);
                }
                byMetric.computeIfAbsent(metric, k -> new LinkedHashMap<>()).put(method, m.median());
            }
        }
        if (byMetric.isEmpty()) {
            return null;
        }
        List<String> metrics = byMetric.keySet().stream().filter(k -> k.matches("(recall|ndcg)@\\d+")).toList();
        if (metrics.isEmpty()) {
            metrics = new ArrayList<>(byMetric.keySet());
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("validation accuracy per method (" + r.dataset() + ")").xAxisTitle("metric")
                .yAxisTitle("value").build();
        for (String method : methods) {
            List<Double> y = new ArrayList<>();
            for (String metric : metrics) {
                y.add(byMetric.get(metric).getOrDefault(method, 0.0));
            }
            chart.addSeries(method, metrics, y);
        }
        return save(chart, dir, "accuracy");
    }

    /** Time per stage against catalogue size, log-log. {@code series}: stage → (sizes, seconds). */
    public static String timeVsSize(String title, Map<String, double[][]> series, Path dir, String name) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("interactions")
                .yAxisTitle("seconds").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        series.forEach((stage, xy) -> {
            if (xy[0].length > 0) {
                chart.addSeries(stage, xy[0], positive(xy[1])).setMarker(SeriesMarkers.CIRCLE);
            }
        });
        return save(chart, dir, name);
    }

    private static double[] positive(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-4);
        }
        return out;
    }

    private static String save(Chart<?, ?> chart, Path dir, String name) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
            return name + ".png";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + dir.resolve(name + ".png"), e);
        }
    }
}
