"""The scanner page for door staff and the live attendance dashboard."""
