package io.driftwatch.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobPersistenceException;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's clustered job store, taking only fires of tasks this replica runs. While a configuration change
 * reaches the replicas one by one (a ConfigMap reaches pods at different times), a replica still on the old
 * configuration would otherwise take fires of a model only the new one knows, and drop them: the model would
 * miss evaluations until every replica had reloaded. A fire of a task unknown here is released at once, for a
 * replica that runs it (it acquires it at its next look, within Quartz's idle wait).
 *
 * <p>Quartz makes its job store from a class name, so each replica's tasks are found by its instance id here.
 * Transactions are Quartz's own, as in its {@code JobStoreTX} (connections from the pool, committed here).
 */
public final class OwnTasksJobStore extends JobStoreSupport {
    private static final Map<String, Set<String>> TASKS = new ConcurrentHashMap<>();

    static void register(String instanceId, Set<String> tasks) {
        TASKS.put(instanceId, tasks);
    }

    static void unregister(String instanceId) {
        TASKS.remove(instanceId);
    }

    @Override
    protected java.sql.Connection getNonManagedTXConnection() throws JobPersistenceException {
        return getConnection();
    }

    @Override
    protected <T> T executeInLock(String lockName, TransactionCallback<T> callback) throws JobPersistenceException {
        return executeInNonManagedTXLock(lockName, callback, null);
    }

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
            throws JobPersistenceException {
        List<OperableTrigger> acquired = super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
        Set<String> mine = TASKS.get(getInstanceId());
        if (mine == null) {
            return acquired;
        }
        List<OperableTrigger> kept = new ArrayList<>(acquired.size());
        for (OperableTrigger t : acquired) {
            if (mine.contains(t.getJobKey().getName())) {
                kept.add(t);
            } else {
                releaseAcquiredTrigger(t);
            }
        }
        return kept;
    }
}
