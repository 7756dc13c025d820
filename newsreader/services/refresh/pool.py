"""The parse worker pool: processes on machines with more than one core, else one thread."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from newsreader.config import Config
from newsreader.services.refresh.jobs import PRELOAD, warm


def _start_worker(parent: int) -> None:
    """Pool initializer: warm the imports, and exit if the refreshing process dies.

    A SIGKILLed parent never shuts its pool down, and the workers hold the pipes
    that would tell them (and the forkserver) so: without this watch they would
    wait forever as orphans.
    """
    warm()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid was reused by another user's process
                os._exit(0)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()


def use_processes(config: Config, jobs: int) -> bool:
    """Whether to parse in processes: ``parser`` setting, else more than one core and work."""
    if config.parser != "auto":
        return config.parser == "process"
    return (os.cpu_count() or 1) > 1 and jobs >= 4


def make_parse_executor(processes: bool) -> Executor:
    """A process pool (forkserver where available, so threads never fork) or one thread."""
    if not processes:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-parse")
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(
        max_workers=os.cpu_count() or 2,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def started_executor(processes: bool) -> Executor:
    """The parse executor with its workers started (and their imports paid)."""
    with _stderr_with_a_descriptor():
        executor = make_parse_executor(processes)
        for _ in range((os.cpu_count() or 1) if processes else 1):
            executor.submit(warm).result()
    return executor


@contextlib.contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """Give ``sys.stderr`` a real file descriptor while worker processes start.

    multiprocessing's resource tracker passes ``sys.stderr.fileno()`` to the
    process it starts. Under Textual ``sys.stderr`` is a capture whose ``fileno()``
    is -1, and starting the pool failed with "bad value(s) in fds_to_keep": every
    feed of an app refresh of four or more feeds ended in that error.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            if sys.stderr is devnull:  # unless someone (the app, closing) replaced it meanwhile
                sys.stderr = saved
