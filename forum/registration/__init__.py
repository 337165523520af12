"""Delegate registration and accreditation."""
