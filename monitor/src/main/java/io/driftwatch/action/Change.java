package io.driftwatch.action;

/**
 * What a strategy did, or would do in a dry run: the target object, the exact change (a JSON Patch or
 * the object created, as JSON), the revisions before and after, and, when it changed nothing, why.
 */
public record Change(String target, String patch, String revisionBefore, String revisionAfter, String noop) {

    public static Change nothing(String target, String why) {
        return new Change(target, null, null, null, why);
    }

    public boolean changed() {
        return noop == null;
    }
}
