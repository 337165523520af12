"""Run test threads together and make sure every one of them finished."""

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any


def run_threads(target: Callable[..., Any], args: Iterable[tuple], timeout: float = 120) -> None:
    """Start a thread per argument tuple, wait for all, and fail if any is still running.

    A thread that hangs (a lock never released, a barrier never reached) would otherwise
    leave a test that passes on the answers it happened to collect.
    """
    threads = [threading.Thread(target=target, args=a, daemon=True) for a in args]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    running = sum(thread.is_alive() for thread in threads)
    assert running == 0, f"{running} of {len(threads)} threads still running after {timeout} s"
