package io.driftwatch.config;

/** Where a value stands in a YAML file: the file as given and a 1-based line and column. */
public record Location(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
