"""Where per-article work runs: in this process, or on a Dask cluster (the build's and the validator's).

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

    IN_FLIGHT = 2  # tasks per worker on the cluster at once: one running, one waiting

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
        """fn over items on the cluster, results in the order of items. At most IN_FLIGHT tasks
        per worker are on the cluster at once (each item goes to the workers as data, not inside
        the task graph, when its task is submitted, and is released when the result is back), so
        a worker holds a few tasks' inputs, never its share of the whole corpus."""
        from dask.distributed import as_completed

        results: list = [None] * len(items)
        todo = iter(range(len(items)))
        running: dict = {}  # future -> (item index, the item's data future)

        def submit():
            k = next(todo, None)
            if k is None:
                return None
            [data] = self.client.scatter([items[k]], hash=False)
            future = self.client.submit(fn, data, pure=False)
            running[future] = (k, data)
            return future

        first = [submit() for _ in range(self.IN_FLIGHT * max(1, self.workers))]
        queue = as_completed([f for f in first if f is not None])
        try:
            for future in queue:
                k, data = running.pop(future)
                results[k] = future.result()
                self.client.cancel([future, data])
                nxt = submit()
                if nxt is not None:
                    queue.add(nxt)
        finally:
            left = list(running.items())
            self.client.cancel([f for f, _ in left] + [d for _, (_k, d) in left])
        return results

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
