package io.driftwatch.drift;

/** A column's verdict. INCONCLUSIVE means too little data to say either way. */
public enum ColumnStatus {
    OK, DRIFT, INCONCLUSIVE
}
