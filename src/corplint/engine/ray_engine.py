"""Running corplint on Ray: the same rules, configuration and fixes on many machines.

Two ways in, one set of rules:

* :func:`lint_dataset` maps the rules over a ``ray.data.Dataset`` of records —
  read with Ray's own readers, from JSONL or Parquet on any filesystem Ray
  supports — and returns the findings (a dataset, one row per finding) and, on
  request, the dataset with its text fixed.
* ``corplint check --engine ray PATH…`` hands the files (and the chunks of
  large JSONL files) to Ray tasks instead of local processes. Each task runs
  the runner that ``-j`` runs; the driver reports what the tasks found in the
  order of the inputs, so the output is the same as a local run's. The paths
  must be readable on every node (a shared filesystem); for object storage use
  :func:`lint_dataset`.

Corpus rules (BLP003) observe on the workers too: each task observes one file
with fresh copies of the rules, and the driver merges them
(:meth:`corplint.core.rule.Rule.merge`) before the checking tasks get them. Every
task runs with one string hash seed, so the workers' hashes agree.

Ray is an optional extra (``pip install 'corplint[ray]'``). Where Ray is not
yet initialised, :func:`connect` starts a local instance, or joins the cluster
at ``address`` (``RAY_ADDRESS`` is honoured by Ray itself); no scheduling is
done here beyond keeping a bounded number of tasks in flight.
"""

from __future__ import annotations

import copy
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from corplint.config.baseline import Baseline
from corplint.core.rule import Rule
from corplint.engine.tasks import Task, TaskResult, TaskRunner

if TYPE_CHECKING:
    from corplint.engine.run import RunOptions

HASH_SEED = "0"
"""The string hash seed of every task (BLP003 counts lines by their hash)."""
TASK_ENV = {"env_vars": {"PYTHONHASHSEED": HASH_SEED}}
IN_FLIGHT_PER_CPU = 4
"""Tasks submitted ahead per CPU of the cluster: enough to keep it busy, few
enough that the driver's memory does not grow with the number of files."""


class EngineUnavailable(RuntimeError):
    """Ray is not installed, or this run cannot be shared out."""


def require_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise EngineUnavailable("the ray engine needs Ray: pip install 'corplint[ray]'") from exc
    return ray


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Initialise Ray unless it is: join ``address``, or start a local instance
    with ``num_cpus`` CPUs (all of them when None)."""
    ray = require_ray()
    if ray.is_initialized():
        return
    kwargs: dict[str, Any] = {
        "log_to_driver": False,
        "include_dashboard": False,
        "logging_level": logging.ERROR,  # the linter's output is the findings
    }
    if address:
        kwargs["address"] = address
    elif num_cpus:
        kwargs["num_cpus"] = num_cpus
    try:
        ray.init(**kwargs)
    except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError…
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise EngineUnavailable(f"cannot start or join {where}: {exc}") from exc


# ------------------------------------------------------------ what a worker gets
@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs to build the driver's runner again (all picklable)."""

    key: str
    plugins: tuple[str, ...]
    entry_points: bool
    enabled: frozenset[str]
    options: RunOptions
    rules: tuple[Rule, ...]
    baseline: Baseline | None = None
    cwd: str = "."
    """The driver's working directory: paths are read and shown relative to it."""
    rebuild: Callable[[RunSpec], TaskRunner] | None = None
    """Builds the runner again in a worker (``Runner.for_worker``): handed over
    with the spec, so that this module never imports the runner's."""


_RUNNERS: dict[str, TaskRunner] = {}


def _runner(spec: RunSpec) -> TaskRunner:
    """The runner of ``spec`` in this worker process, built on first use, working in
    the driver's directory (on a cluster, a shared filesystem mounted alike)."""
    if os.getcwd() != spec.cwd and os.path.isdir(spec.cwd):
        os.chdir(spec.cwd)
    runner = _RUNNERS.get(spec.key)
    if runner is None:
        assert spec.rebuild is not None, "a run spec without a way to rebuild its runner"
        runner = spec.rebuild(spec)
        _RUNNERS.clear()  # one run at a time per worker
        _RUNNERS[spec.key] = runner
    return runner


def _observe(spec: RunSpec, path: str, codes: frozenset[str]) -> list[Rule]:
    """Fresh copies of the corpus rules ``codes``, shown one input."""
    rules = [copy.deepcopy(rule) for rule in spec.rules if rule.code in codes]
    _runner(spec).observe_file(path, rules)
    return rules


def _check(spec: RunSpec, task: Task) -> TaskResult:
    return _runner(spec).run_task(task)


@cache
def _remote(function: Any) -> Any:
    return require_ray().remote(function).options(runtime_env=TASK_ENV)


# ------------------------------------------------------------------ the CLI path
def refuse_unshareable(reason: str | None, paths: list[str]) -> None:
    """Raise :class:`EngineUnavailable` for a run that must stay in one process."""
    if reason:
        raise EngineUnavailable(f"--engine ray cannot share this run out: {reason}")
    if "-" in paths:
        raise EngineUnavailable("--engine ray reads files, not standard input")


def observe_corpus(spec: RunSpec, paths: list[str], rules: list[Rule]) -> None:
    """Show the corpus to the (mergeable) corpus ``rules``: each input observed by
    a Ray task with fresh copies, merged into ``rules`` here."""
    ray = require_ray()
    observe = _remote(_observe)
    shared = ray.put(spec)
    codes = frozenset(rule.code for rule in rules)
    for observed in _ordered(ray, (observe.remote(shared, path, codes) for path in paths)):
        by_code = {rule.code: rule for rule in observed}
        for rule in rules:
            rule.merge(by_code[rule.code])


def results(spec: RunSpec, tasks: Iterable[Task]) -> Iterator[TaskResult]:
    """What each task reported, in task order, worked out by Ray tasks (see
    :func:`corplint.engine.processes.results`), submitted as results are taken."""
    ray = require_ray()
    check = _remote(_check)
    shared = ray.put(spec)
    return _ordered(ray, (check.remote(shared, task) for task in tasks))


def _ordered(ray: Any, submitted: Iterator[Any]) -> Iterator[Any]:
    """The results of lazily submitted tasks in their order, with a bounded number
    in flight (submitting one only as an earlier one is taken)."""
    window = max(2, int(ray.cluster_resources().get("CPU", 1)) * IN_FLIGHT_PER_CPU)
    pending: deque[Any] = deque()
    for ref in submitted:
        pending.append(ref)
        if len(pending) >= window:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())
