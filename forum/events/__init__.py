"""The event this instance serves: its dates, venue, capacity and settings."""
