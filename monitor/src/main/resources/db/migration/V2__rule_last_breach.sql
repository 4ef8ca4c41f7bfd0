-- keep_firing_for needs the time of an instance's last breach.
ALTER TABLE rule_state ADD COLUMN last_breach_at BIGINT;
