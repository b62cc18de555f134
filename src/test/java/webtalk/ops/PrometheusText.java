package webtalk.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, enough to prove a scrape parses:
 * every line is a comment ({@code # HELP}/{@code # TYPE} with a known type) or a sample
 * {@code name{label="value",...} number}; anything else fails the test that reads it.
 */
record PrometheusText(Map<String, Double> samples, Map<String, String> types) {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)( -?\\d+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher type = TYPE.matcher(line);
                if (type.matches()) {
                    types.put(type.group(1), type.group(2));
                } else if (!line.startsWith("# HELP ")) {
                    throw new IllegalArgumentException("line " + number + " is neither HELP nor TYPE: " + line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + number + " is not a sample: " + line);
            }
            String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2).replace(",}", "}"));
            samples.put(key, value(sample.group(3), line));
        }
        return new PrometheusText(samples, types);
    }

    private static double value(String text, String line) {
        switch (text) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number in: " + line);
                }
        }
    }

    /** The sample's value; {@code series} is the name with its labels as exposed, e.g. {@code a_total{codigo="x"}}. */
    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no sample " + series + " in " + samples.keySet().stream().filter(k -> k.startsWith("webtalk")).toList());
        }
        return value;
    }

    boolean has(String name) {
        return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }
}
