package vn.haiphong.hpid.audit;

/**
 * The extension point for sending audit events elsewhere (the city's data warehouse, a
 * SIEM). Called after the event is in the audit trail; a listener that fails does not
 * affect the action or the trail.
 */
public interface AuditEventListener {

	void onEvent(AuditEvent event);

}
