"""Where the build's per-article work runs: in this process, or on a Dask cluster.

``engine(workers=None, scheduler=None)`` gives ``InProcess`` (Dask is never imported) or
``DaskEngine``: a local cluster of ``workers`` processes (one thread each), or the scheduler at
``scheduler`` (a ``tcp://host:port`` address: a cluster started with ``dask scheduler`` /
``dask worker``, dask-jobqueue on SLURM, dask-kubernetes...). Both take the same calls
(``map`` a function over a list of arguments, results in the order given), so the build never
asks which one it has, and the tables are the same bytes either way: each task is a pure
function of its inputs (dataset/per_article.py).
"""

from __future__ import annotations


class EngineError(Exception):
    """The cluster cannot be started or reached (Dask missing, a bad address)."""


class InProcess:
    """Tasks run at once, in order, in this process."""

    name = "in-process"
    workers = 1

    def map(self, fn, items: list) -> list:
        return [fn(item) for item in items]

    def close(self) -> None:
        pass


class DaskEngine:
    """Tasks on a Dask cluster (dask.distributed); results gathered in the order submitted."""

    def __init__(self, workers: int | None = None, address: str | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("Dask is not installed: pip install 'newsprov[dask]' (dask[distributed])") from None
        self.cluster = None
        try:
            if address:
                self.client = Client(address, timeout="20s")
                self.name = f"Dask scheduler {address}"
            else:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", silence_logs=40)  # (":0": any free port, never a clash)
                self.client = Client(self.cluster)
                self.name = f"Dask local cluster ({workers} workers x 1 thread)"
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(f"cannot start or reach the Dask cluster: {exc}") from None
        self.workers = len(self.client.scheduler_info().get("workers", {}))

    def map(self, fn, items: list) -> list:
        # the items (texts, a story's rows) go to the workers as data, not inside the task graph
        data = self.client.scatter(items)
        futures = self.client.map(fn, data, pure=False)
        try:
            return self.client.gather(futures)
        finally:
            self.client.cancel(futures + data)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def engine(workers: int | None = None, scheduler: str | None = None):
    """InProcess without workers or scheduler; else a DaskEngine."""
    if workers is not None and scheduler is not None:
        raise EngineError("give --workers or --scheduler, not both")
    if workers is None and scheduler is None:
        return InProcess()
    if workers is not None and workers < 1:
        raise EngineError(f"--workers must be at least 1 (got {workers})")
    return DaskEngine(workers=workers, address=scheduler)
