"""What a worker process imports before its first chunk: the fork server of `pipeline.run` and a Dask
worker both preload blocwatch.preload; only the Dask worker writes, so only it loads the store."""

import json
import subprocess
import sys

_LIBRARIES = ("duckdb", "pyarrow", "pandas", "networkx", "blocwatch.store", "blocwatch.analysis")


def _loaded_after(code: str) -> dict[str, bool]:
    probe = f"import sys, json\n{code}\nprint(json.dumps({{m: m in sys.modules for m in {_LIBRARIES!r}}}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_fork_servers_preload_loads_the_coder_without_the_store():
    loaded = _loaded_after("import blocwatch.preload\nfrom blocwatch.pipeline import process_extractor\n"
                           "assert process_extractor.cache_info().currsize == 1")
    assert not any(loaded.values()), loaded


def test_a_dask_workers_setup_also_loads_what_a_part_writes_with():
    loaded = _loaded_after("import blocwatch.preload\nblocwatch.preload.dask_setup(None)")
    assert all(loaded[m] for m in ("duckdb", "pyarrow", "pandas", "blocwatch.store")), loaded


def test_the_api_is_still_importable_from_the_package():
    loaded = _loaded_after("from blocwatch import bloc, open_store, Article\nimport blocwatch\n"
                           "assert blocwatch.__all__ and all(hasattr(blocwatch, n) for n in blocwatch.__all__)")
    assert loaded["blocwatch.analysis"] and loaded["duckdb"]


def test_type_checkers_see_the_same_names_the_package_loads_on_use():
    import ast
    from pathlib import Path

    import blocwatch

    tree = ast.parse(Path(blocwatch.__file__).read_text())
    checked = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    typed = {alias.name: node.module for node in checked.body for alias in node.names}
    assert typed == blocwatch._HOME


def test_a_dask_worker_started_as_a_user_starts_it_runs_the_preload_and_its_setup(tmp_path):
    import time
    from pathlib import Path

    from dask.distributed import Client

    def state() -> dict[str, bool]:  # nested, so that Dask sends it by value to a worker that cannot import tests
        from blocwatch.pipeline import process_extractor

        return {**{m: m in sys.modules for m in _LIBRARIES}, "model": process_extractor.cache_info().currsize == 1}

    dask = str(Path(sys.executable).with_name("dask"))
    file = tmp_path / "scheduler.json"
    common = ["--host", "127.0.0.1", "--no-dashboard"]
    with (tmp_path / "cluster.log").open("w") as log:
        processes = [subprocess.Popen([dask, "scheduler", "--port", "0", "--scheduler-file", file, *common],
                                      stdout=log, stderr=log)]
        processes.append(subprocess.Popen([dask, "worker", "--scheduler-file", file, "--nthreads", "1",
                                           "--local-directory", tmp_path / "w", "--preload", "blocwatch.preload",
                                           *common], stdout=log, stderr=log))
        try:
            deadline = time.monotonic() + 60
            while not (file.exists() and file.stat().st_size) and time.monotonic() < deadline:
                time.sleep(0.1)
            with Client(scheduler_file=str(file), timeout=60) as client:
                client.wait_for_workers(1, timeout=120)
                (loaded,) = client.run(state).values()
        finally:
            for process in reversed(processes):
                process.terminate()
                process.wait(30)
    # the preload loaded the model as the worker started, and dask_setup the store and pandas
    assert loaded["model"] and loaded["blocwatch.store"] and loaded["pandas"], loaded
