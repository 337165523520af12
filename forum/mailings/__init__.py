"""Organisers' mailings to a segment of the registrations, on the mail outbox."""
