"""The programme: rooms, working sessions, speakers and delegate sign-ups."""
