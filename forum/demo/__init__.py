"""The demo forum: the real EU-Ukraine Defence Industry Forum with invented delegates."""
