package io.driftwatch.http;

import io.driftwatch.action.ActionExecutor;
import io.driftwatch.action.Decision;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What the action endpoints read and do. */
public interface ActionBackend {

    List<Decision> decisions(String model, int limit) throws SQLException;

    Optional<Decision> decision(long id) throws SQLException;

    Decision approve(long id, String approver) throws SQLException, ActionExecutor.ActionNotApprovable;
}
