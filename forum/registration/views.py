"""Registration pages (delegate side) and accreditation pages (officers)."""
