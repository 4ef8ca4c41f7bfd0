package io.driftwatch.evaluation;



import io.driftwatch.config.FeatureType;
import io.driftwatch.source.BadValue;
import io.driftwatch.table.Cells;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks each logged value against its column's configured type before it enters a sample, and counts
 * what it had to leave out or shorten, per column:
 * <ul>
 *   <li>{@code bad_field_type}: an object, an array or a number beyond a double's range anywhere; text
 *       that is not a number (nor a missing spelling) or a boolean in a numeric column; a number in a
 *       categorical input feature (the prediction may be a class number). The value is left out;</li>
 *   <li>{@code truncated}: a category longer than {@link #MAX_CATEGORY_CHARS} characters is cut there, so
 *       one huge value cannot grow the store or the reports.</li>
 * </ul>
 */
public final class FieldIssues {
    /** The longest category text kept; longer ones are cut and counted. */
    public static final int MAX_CATEGORY_CHARS = 256;

    /** One column's count of left-out values, with the first one's description, and of shortened ones. */
    public record Count(long badType, String example, long truncated) {
    }

    private final Map<String, Count> counts = new LinkedHashMap<>();

    /** The value to sample (null when missing or left out). */
    Object check(String column, Object value, FeatureType type, boolean numbersAreCategories) {
        if (value == null) {
            return null;
        }
        String bad = problem(value, type, numbersAreCategories);
        if (bad != null) {
            counts.merge(column, new Count(1, bad, 0), (a, b) -> new Count(a.badType() + 1, a.example(), a.truncated()));
            return null;
        }
        if (value instanceof String s && Cells.isMissing(s)) {
            return null;
        }
        if (value instanceof String s && type == FeatureType.NUMERIC) {
            return Cells.number(s);
        }
        if (value instanceof String s && type == FeatureType.CATEGORICAL && s.length() > MAX_CATEGORY_CHARS) {
            counts.merge(column, new Count(0, null, 1), (a, b) -> new Count(a.badType(), a.example(), a.truncated() + 1));
            return s.substring(0, MAX_CATEGORY_CHARS);
        }
        return value;
    }

    private static String problem(Object value, FeatureType type, boolean numbersAreCategories) {
        if (value instanceof BadValue b) {
            return b.what();
        }
        if (type == FeatureType.NUMERIC) {
            if (value instanceof Boolean) {
                return "a boolean where a number is expected";
            }
            if (value instanceof String s && !Cells.isMissing(s) && Double.isNaN(Cells.number(s))) {
                return "text where a number is expected: '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
            }
            return null;
        }
        return value instanceof Number && !numbersAreCategories ? "a number where a category is expected: " + value
                : null;
    }

    /** Per column, what was left out or shortened (columns with nothing to report are absent). */
    public Map<String, Count> counts() {
        return Map.copyOf(counts);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }
}
