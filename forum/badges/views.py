"""Badge downloads for delegates and bulk printing for organisers."""
