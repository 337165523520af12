"""Security vetting: identity data encrypted at rest, seen only by security officers; nobody
is accredited before the host's security service has cleared them.

The blueprint lives in forum/vetting/views.py (registered by create_app).
"""
