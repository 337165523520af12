"""Privacy: what a delegate can see and erase of their data, and the retention purge."""
