package io.driftwatch.action;

/** Whether this replica may act. With several replicas, one holds a Lease and the others only watch. */
public interface Leader {

    boolean isLeader();

    /** A single replica: always the leader. */
    static Leader alone() {
        return () -> true;
    }
}
