"""Door scanning: checkpoints, scans and device tokens."""
