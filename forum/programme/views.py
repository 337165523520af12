"""Programme pages: organiser editing, the public programme and delegate sign-ups."""
