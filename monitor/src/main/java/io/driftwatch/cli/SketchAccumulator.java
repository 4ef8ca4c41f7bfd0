package io.driftwatch.cli;

import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.Sketches;

import io.driftwatch.table.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Folds streamed chunks of a table into one sketch per column: KLL for numeric columns, frequent items
 * for categorical ones, so memory stays bounded whatever the row count. Column types are decided by the
 * first chunk; a later cell that does not fit its column's type counts as missing.
 */
public final class SketchAccumulator implements Consumer<Table> {
    private final Map<String, Column> columns = new LinkedHashMap<>();

    /** One column's sketch and missing count; updates are serialized per column. */
    private static final class Column {
        final KllDoublesSketch numbers;
        final ItemsSketch<String> items;
        long missing;

        Column(boolean numeric) {
            numbers = numeric ? Sketches.newNumeric() : null;
            items = numeric ? null : Sketches.newCategorical();
        }

        synchronized void add(Table.Column cells) {
            if (cells instanceof Table.NumericColumn n && numbers == null) {
                addText(n.text()); // a categorical column of number cells: their text (007 stays 007)
            } else if (cells instanceof Table.NumericColumn n) {
                addNumbers(n);
            } else {
                addText((Table.TextColumn) cells);
            }
        }

        private void addNumbers(Table.NumericColumn n) {
            double[] v = n.numbers();
            for (int i = 0; i < n.size(); i++) {
                if (Double.isNaN(v[i])) {
                    missing++;
                } else {
                    numbers.update(v[i]);
                }
            }
        }

        private void addText(Table.TextColumn t) {
            for (int i = 0; i < t.size(); i++) {
                String s = t.cells()[i];
                if (s == null) {
                    missing++;
                } else if (items != null) {
                    items.update(s);
                } else {
                    double d = Samples.toDouble(s);
                    if (Double.isNaN(d)) {
                        missing++;
                    } else {
                        numbers.update(d);
                    }
                }
            }
        }
    }

    @Override
    public void accept(Table chunk) {
        synchronized (columns) {
            if (columns.isEmpty()) {
                chunk.columns().forEach(c -> columns.put(c, new Column(chunk.column(c) instanceof Table.NumericColumn)));
            }
        }
        for (String name : chunk.columns()) {
            columns.get(name).add(chunk.column(name));
        }
    }

    public List<String> columns() {
        return List.copyOf(columns.keySet());
    }

    public boolean isNumeric(String column) {
        return columns.get(column).numbers != null;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The column as a sample: a KLL sketch, or category counts from the frequent-items sketch. */
    public Sample sample(String column) {
        Column c = columns.get(column);
        return c.numbers != null ? new Sample.NumericSketch(c.numbers, c.missing) : Sketches.categorical(c.items, c.missing);
    }
}
