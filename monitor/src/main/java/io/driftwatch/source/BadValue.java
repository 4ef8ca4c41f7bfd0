package io.driftwatch.source;

/**
 * A logged value that no column can use: an object, an array, or a number beyond a double's range. It
 * is kept in the record in place of the value so that the drift stage counts it against its column as
 * {@code bad_field_type} instead of reading it as a category.
 */
public record BadValue(String what) {
}
