"""How much flake8-familystd adds to flake8's own time on a large real codebase.

    uv run python bench/overhead.py [--corpus django|airflow|aiohttp|PATH] [--runs N]
                                    [--defaults] [--yardstick] [--breakdown]
                                    [--instructions [--misses] [--collector-off]]
    uv run python bench/overhead.py --pool OUTPUT...

Downloads the corpus sdist with `pip download --no-deps` into bench/cache/ on first use,
then times `flake8 -j1 --select E,F,W,C90,FAM` with and without the plugin (the plugin is
left out by filtering flake8's plugin finder, so both runs use the same environment),
interleaving the runs in rounds that rotate which mode goes first, with compiled bytecode
cached (in bench/cache/pycache) as in an installed environment. Prints median wall times,
the overhead (of the medians, of the best runs, and the median of each round's overhead: the
steadier figures on a busy machine; it comes with a distribution-free 95% interval and a
verdict on the 10% target), peak RSS of both, a per-family breakdown from the
plugin's profiling hook, the time flake8 spends in the garbage collector with and without
the plugin, the files flake8 tokenizes for `# noqa` in each (it does at a file's first
report, whatever reports it), and the plugin's import time. `--yardstick` adds a third mode
to each round: the budget in place of the plugin (a plugin walking each tree three times
with `ast.NodeVisitor`), so that the plugin can be compared with it in the same machine
state. `--breakdown` adds two more: the plugin loaded and called with `lint()` skipped,
and with its diagnostics dropped, splitting the overhead into loading, `lint()` and
flake8's handling of the diagnostics. `--pool` times nothing: it reads the rounds back from
earlier runs' saved outputs and summarizes them as one longer series; each output names
the corpus and a fingerprint of the plugin code it measured, and outputs that disagree on
either are not pooled.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import importlib.util
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent
CACHE: Final = ROOT / "cache"
CORPORA: Final = {
    "django": ("django==5.1.4", "django"),
    "airflow": ("apache-airflow==2.5.3", "airflow"),
    "aiohttp": ("aiohttp==3.11.11", "aiohttp"),
    "fastapi": ("fastapi==0.115.6", "fastapi"),
    "sqlalchemy": ("sqlalchemy==2.0.36", "lib/sqlalchemy"),
}
SELECT: Final = "E,F,W,C90,FAM"
TARGET: Final = 0.10  # issue 9: at most 10% over flake8 alone
CORPUS_LINE: Final = "corpus:"
CODE_LINE: Final = "plugin code:"
L2_BYTES: Final = 1 << 20  # the simulated per-core cache of `--misses`
LABELS: Final = {
    "without": "without plugin",
    "plumbing": "lint() skipped",
    "silent": "diagnostics dropped",
    "with": "with plugin",
    "yardstick": "yardstick",
}
# `--breakdown`: the modes, and the parts of the overhead they split it into.
BREAKDOWN: Final = ("without", "plumbing", "silent", "with")
PARTS: Final = (
    ("loading and calling the plugin (lint() skipped)", "without", "plumbing"),
    ("lint() (its diagnostics dropped)", "plumbing", "silent"),
    ("flake8 handling the plugin's diagnostics", "silent", "with"),
)
RUNNER: Final = """
import os, sys
from flake8.plugins import finder
gc_report = os.environ.get("FLAKE8_FAMILYSTD_BENCH_GC")
if gc_report:  # the garbage collector's seconds, full collections and the objects they
    import atexit, gc, json, pathlib, time  # traverse (counted outside the timed span)
    clock = {"total": 0.0, "started": 0.0, "full": 0, "objects": 0, "young": 0,
             "tokenized": 0, "tokenizing": 0.0}
    def account(phase, info):
        if phase == "start":
            if info["generation"] == 2:
                clock["full"] += 1
                clock["objects"] += len(gc.get_objects())
            else:
                clock["young"] += 1
            clock["started"] = time.perf_counter()
        else:
            clock["total"] += time.perf_counter() - clock["started"]
    gc.callbacks.append(account)
    # and flake8's tokenizing of a file for `# noqa`, done at the file's first report
    import functools
    from flake8.processor import FileProcessor
    tokens = FileProcessor.file_tokens.func
    def file_tokens(self):  # (the collector's time during it left out)
        started, collecting = time.perf_counter(), clock["total"]
        try:
            return tokens(self)
        finally:
            clock["tokenized"] += 1
            clock["tokenizing"] += time.perf_counter() - started - (clock["total"] - collecting)
    FileProcessor.file_tokens = functools.cached_property(file_tokens)
    FileProcessor.file_tokens.__set_name__(FileProcessor, "file_tokens")
    atexit.register(lambda: pathlib.Path(gc_report).write_text(json.dumps(clock)))
mode = sys.argv.pop(1)
if mode in ("without", "yardstick"):
    added = []
    if mode == "yardstick":  # the budget instead of the plugin: three walks of each tree
        import ast, importlib.metadata
        class Yardstick:
            name, version = "yardstick", "0"
            def __init__(self, tree):
                self.tree = tree
            def run(self):
                for _ in range(3):
                    ast.NodeVisitor().visit(self.tree)
                return iter(())
        point = importlib.metadata.EntryPoint("YRD", "__main__:Yardstick", "flake8.extension")
        added = [finder.Plugin("yardstick", "0", point)]
    found = finder.find_plugins
    finder.find_plugins = lambda *a, **k: [
        p for p in found(*a, **k) if p.package != "flake8-familystd"
    ] + added
elif mode in ("plumbing", "silent"):  # for --breakdown: lint skipped / its reports dropped
    import flake8_familystd.plugin as plugin
    lint = plugin.lint
    plugin.lint = (lambda *a, **k: []) if mode == "plumbing" else (
        lambda *a, **k: lint(*a, **k) and []
    )
from flake8.main.cli import main
raise SystemExit(main())
"""


def corpus_path(name: str) -> Path:
    """The source tree to lint: a path, or a named corpus downloaded on first use."""
    if name not in CORPORA:
        return Path(name).resolve()
    requirement, inner = CORPORA[name]
    target = CACHE / requirement.replace("==", "-")
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            pip = shutil.which("pip") or shutil.which("pip3")
            if pip is None:
                raise SystemExit("pip is needed to download the corpus (pip install pip)")
            subprocess.run(
                [pip, "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                 requirement, "-d", tmp],
                check=True,
            )  # fmt: skip
            archive = next(Path(tmp).glob("*.tar.gz"))
            with tarfile.open(archive) as tar:
                tar.extractall(target, filter="data")
    top = next(p for p in target.iterdir() if p.is_dir())
    return top / inner if (top / inner).exists() else top


def run_once(
    mode: str,
    path: Path,
    profile: Path | None,
    *,
    defaults: bool = False,
    gc_report: Path | None = None,
) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one flake8 run."""
    env = dict(os.environ)
    env.pop("FLAKE8_FAMILYSTD_RAISE", None)
    # Compiled bytecode, as in any installed environment (the first, warming run writes it;
    # the prefix keeps it out of the source tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    if profile is not None:
        env["FLAKE8_FAMILYSTD_PROFILE"] = str(profile)
    if gc_report is not None:
        env["FLAKE8_FAMILYSTD_BENCH_GC"] = str(gc_report)
    select = [] if defaults else [f"--select={SELECT}"]
    args = [sys.executable, "-c", RUNNER, mode, "-j1", "--isolated", *select,
            "--exit-zero", "--output-file", os.devnull,
            "--format", "%(path)s %(code)s", str(path)]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"flake8 failed ({mode})")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def import_time(*, cached: bool) -> float:
    """Seconds to import the plugin in a process that already has flake8 loaded.

    `cached`: with compiled bytecode to read, as in any installed environment (written to a
    temporary `PYTHONPYCACHEPREFIX` by a first, untimed import); else compiling every module.
    """
    code = (
        "import time, importlib.metadata, flake8.main.cli\n"
        "t = time.perf_counter()\nimport flake8_familystd.plugin\n"
        "print(time.perf_counter() - t)"
    )
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as prefix:
        if cached:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = prefix
            subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env["PYTHONPYCACHEPREFIX"] = prefix  # an empty cache: nothing to read
        runs = [
            float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                 text=True, check=True).stdout)
            for _ in range(5)
        ]  # fmt: skip
    return statistics.median(runs)


def count_instructions(
    path: Path,
    *,
    defaults: bool,
    breakdown: bool = False,
    misses: bool = False,
    collector: bool = True,
) -> int:
    """Instructions of one run with and one without the plugin, under callgrind.

    Deterministic, so it compares two versions of the plugin on a busy machine; it counts
    work, not time, and so underweights what is slow per instruction (the garbage
    collector's walks through memory, cache misses). `breakdown`: two more runs split the
    overhead into loading and calling the plugin (`lint()` skipped), `lint()` itself (its
    diagnostics dropped), and flake8's handling of the diagnostics. `misses`: under
    cachegrind instead, also counting the reads and writes that miss a simulated 1 MiB
    second-level cache (this machine's per-core L2), the memory traffic that makes the
    wall-clock overhead larger than the instruction count says, and more so when other
    programs compete for the shared L3. `collector=False`: the garbage collector is off in
    every run, leaving out its share, which moves with where its passes happen to fall
    rather than with the plugin's own work.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind on PATH")
    modes = BREAKDOWN if breakdown else ("without", "with")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env["PYTHONHASHSEED"] = "0"  # the same set and dict orders in every run
    select = [] if defaults else [f"--select={SELECT}"]
    runner = RUNNER if collector else "import gc\ngc.disable()\n" + RUNNER

    tool = (
        ["--tool=cachegrind", "--cache-sim=yes", f"--LL={L2_BYTES},16,64",
         "--cachegrind-out-file=/dev/null"]
        if misses
        else ["--tool=callgrind", "--callgrind-out-file=/dev/null"]
    )  # fmt: skip

    def count(mode: str) -> tuple[int, int]:
        """Instructions and (with `misses`) simulated L2 misses of one run."""
        args = [valgrind, *tool, sys.executable, "-c", runner, mode, "-j1", "--isolated",
                *select, "--exit-zero", "--output-file", os.devnull, str(path)]  # fmt: skip
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
        if not misses:
            found = re.search(r"Collected : (\d+)", done.stderr)
            if found is None:
                raise SystemExit(f"no instruction count from callgrind ({mode})")
            return int(found.group(1)), 0
        refs = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        missed = re.search(r"LL misses:\s+([\d,]+)", done.stderr)
        if refs is None or missed is None:
            raise SystemExit(f"no counts from cachegrind ({mode})")
        return int(refs.group(1).replace(",", "")), int(missed.group(1).replace(",", ""))

    # Counts do not depend on what else runs: one run per core at a time.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip(modes, pool.map(count, modes), strict=True))
    for mode in modes:
        done, missed = counts[mode]
        also = f", {missed / 1e6:.1f} M L2 misses" if misses else ""
        print(f"{LABELS[mode] + ':':24}{done / 1e9:.2f} G instructions{also}")
    measures = [("instructions", 0, 1e9, "G")] + ([("L2 misses", 1, 1e6, "M")] if misses else [])
    for name, index, scale, unit in measures:
        base = counts["without"][index]
        extra = counts["with"][index] - base
        print(f"overhead ({name}): {extra / scale:+.2f} {unit} ({extra / base * 100:+.1f}%)")
        if breakdown:
            for label, before, after in PARTS:
                part = counts[after][index] - counts[before][index]
                print(f"  {label}: {part / scale:+.2f} {unit} ({part / base * 100:+.1f}%)")
    return 0


def _overhead(base: list[float], runs: list[float]) -> str:
    """The overhead of `runs` over `base`: of the medians, of the best runs, and the median
    of each round's own (the machine's slow drifts cancel out within a round), with its
    confidence interval."""
    median, fastest = statistics.median(base), min(base)
    extra, extra_fastest = statistics.median(runs) - median, min(runs) - fastest
    rounds = [r / b - 1 for r, b in zip(runs, base, strict=True)]
    return (
        f"{extra:+.2f}s ({extra / median * 100:+.1f}%) median; {extra_fastest:+.2f}s "
        f"({extra_fastest / fastest * 100:+.1f}%) best of {len(runs)}; "
        f"{statistics.median(rounds) * 100:+.1f}% median of the {len(runs)} rounds"
        f"{_interval(rounds)}"
    )


def median_interval(values: list[float], confidence: float = 0.95) -> tuple[float, float] | None:
    """A distribution-free confidence interval for the median of `values`: the pair of order
    statistics that covers it with at least `confidence` (from the binomial distribution;
    no assumption about the machine's noise). None when there are too few values."""
    n = len(values)
    tail = (1 - confidence) / 2
    below = 0.0  # P(fewer than k of the n values fall below the median)
    k = 0
    while k < n and below + math.comb(n, k) / 2**n <= tail:
        below += math.comb(n, k) / 2**n
        k += 1
    if k == 0:
        return None
    ordered = sorted(values)
    return ordered[k - 1], ordered[n - k]


def _interval(rounds: list[float]) -> str:
    bounds = median_interval(rounds)
    if bounds is None:
        return ""
    low, high = bounds
    return f" (95% interval {low * 100:+.1f}% to {high * 100:+.1f}%)"


def verdict(rounds: list[float], target: float = TARGET) -> str:
    """What the rounds show about the target, at 95% confidence."""
    bounds = median_interval(rounds)
    if bounds is None:
        return f"too few rounds to tell whether the overhead is within {target:.0%}"
    low, high = bounds
    if high <= target:
        return f"within the {target:.0%} target (the whole interval is)"
    if low > target:
        return f"over the {target:.0%} target (the whole interval is)"
    return f"not distinguishable from the {target:.0%} target in these rounds"


OVERHEADS: Final = {
    "with": "overhead",
    "plumbing": "plugin loaded and called, lint() skipped",
    "silent": "plugin, its diagnostics dropped",
    "yardstick": "yardstick (3 NodeVisitor walks a file)",
}


def _split(times: dict[str, list[float]]) -> str:
    """The overhead in three parts, each the median over the rounds of its share of that
    round's flake8-alone time: loading and calling the plugin, `lint()`, and flake8's
    handling of the diagnostics (`# noqa`, decisions, output, and the collections they
    cause)."""
    base = times["without"]
    parts = []
    for name, before, after in PARTS:
        shares = [(a - b) / w for a, b, w in zip(times[after], times[before], base, strict=True)]
        parts.append(f"{name} {statistics.median(shares) * 100:+.1f}%")
    return "; ".join(parts)


def _summarize(times: dict[str, list[float]], cpu: dict[str, list[float]] | None = None) -> None:
    """The overheads of the rounds (wall clock, and CPU when given), the verdict on the target
    and, with the yardstick, the plugin against it round by round."""
    for added, series in times.items():
        if added == "without":
            continue
        print(f"{OVERHEADS[added]} (wall): {_overhead(times['without'], series)}")
        if cpu is not None:
            print(f"{OVERHEADS[added]} (CPU): {_overhead(cpu['without'], cpu[added])}")
    rounds = [w / b - 1 for w, b in zip(times["with"], times["without"], strict=True)]
    print(f"verdict (wall, median of the rounds): {verdict(rounds)}")
    if "yardstick" in times:
        against = [
            (w - y) / b
            for w, y, b in zip(times["with"], times["yardstick"], times["without"], strict=True)
        ]
        print(
            f"plugin minus yardstick (wall, share of flake8 alone, median of the rounds): "
            f"{statistics.median(against) * 100:+.1f}%{_interval(against)}"
        )


def plugin_fingerprint() -> str:
    """What code the timed runs load: the first 12 hex digits of a SHA-256 over the plugin
    package's modules (path and content), as flake8's subprocesses will find them."""
    spec = importlib.util.find_spec("flake8_familystd")
    if spec is None or spec.origin is None:
        return "unknown"
    package = Path(spec.origin).parent
    digest = hashlib.sha256()
    modules = sorted(package.rglob("*.py"))
    for module in modules:
        digest.update(module.relative_to(package).as_posix().encode() + b"\0")
        digest.update(module.read_bytes() + b"\0")
    return f"{digest.hexdigest()[:12]} (sha256 of the {len(modules)} modules under {package})"


def _said(output: str, prefix: str) -> str | None:
    """The rest of an output's line that starts with `prefix`, if it has one."""
    for line in output.splitlines():
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    return None


def identity(output: str) -> dict[str, str]:
    """What an output says it timed, as far as it says: the corpus and selection (without
    the corpus's path: the same corpus may have been timed from another checkout) and the
    plugin code (its digest). Older outputs do not name the code."""
    found: dict[str, str] = {}
    corpus = _said(output, CORPUS_LINE)
    if corpus is not None:
        found["corpus or selection"] = corpus.rpartition(" (")[2]
    code = _said(output, CODE_LINE)
    if code is not None:
        found["plugin code"] = code.partition(" ")[0]
    return found


def unidentified(outputs: list[str]) -> int:
    """How many outputs do not say which plugin code they measured (older runs)."""
    return sum("plugin code" not in identity(output) for output in outputs)


def pooled_rounds(outputs: list[str]) -> dict[str, list[float]]:
    """The wall times of earlier runs' rounds, read back from their printed `runs` lines and
    joined run after run (a round's modes stay together). Every output must have timed the
    same modes, each as many times, and those that say so the same corpus and selection and
    the same plugin code."""
    names = {label: mode for mode, label in LABELS.items()}
    times: dict[str, list[float]] = {}
    first: dict[str, tuple[int, str]] = {}
    for number, output in enumerate(outputs, start=1):
        for what, said in identity(output).items():
            earlier, first_said = first.setdefault(what, (number, said))
            if first_said != said:
                raise ValueError(
                    f"output {number} measured another {what} ({said}) than output {earlier} "
                    f"({first_said})"
                )
        found: dict[str, list[float]] = {}
        for line in output.splitlines():
            label, colon, rest = line.partition(":")
            if colon and label in names and rest.strip().startswith("runs "):
                found[names[label]] = [float(t) for t in rest.split()[1:]]
        if "without" not in found or "with" not in found:
            raise ValueError(f"output {number} has no `runs` lines with and without the plugin")
        if len({len(series) for series in found.values()}) != 1:
            raise ValueError(f"output {number} has modes timed a different number of times")
        if times and found.keys() != times.keys():
            raise ValueError(f"output {number} timed other modes than output 1")
        for mode, series in found.items():
            times.setdefault(mode, []).extend(series)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", default="django")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--defaults",
        action="store_true",
        help="flake8's default selection (FAM opt-in rules off) instead of --select",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under valgrind's callgrind instead of timing (slow, but the "
        "same on a busy machine)",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="two more modes (with --instructions: runs), to split the overhead into "
        "loading the plugin, lint() and flake8's handling of the diagnostics",
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="with --instructions: run under cachegrind and also count the misses of a "
        "simulated 1 MiB L2 cache (the memory traffic the instruction count leaves out)",
    )
    parser.add_argument(
        "--collector-off",
        action="store_true",
        help="with --instructions: turn the garbage collector off in every run, to count "
        "the plugin's own work without the collector's share (which moves with where its "
        "passes fall)",
    )
    parser.add_argument(
        "--yardstick",
        action="store_true",
        help="also time a third mode, the budget instead of the plugin (a plugin that walks "
        "each tree three times with ast.NodeVisitor), in the same interleaved rounds",
    )
    parser.add_argument(
        "--pool",
        nargs="+",
        metavar="OUTPUT",
        type=Path,
        help="time nothing: read the wall-clock rounds back from earlier runs' saved "
        "outputs and summarize them together (a longer series, a narrower interval)",
    )
    args = parser.parse_args()
    if args.pool:
        try:
            outputs = [p.read_text(encoding="utf-8") for p in args.pool]
            pooled = pooled_rounds(outputs)
        except (OSError, ValueError) as error:
            parser.error(f"--pool: {error}")
        print(f"{len(pooled['without'])} rounds from {len(args.pool)} runs' outputs")
        unnamed = unidentified(outputs)
        if unnamed:
            print(f"({unnamed} of them do not say which plugin code they measured)")
        _summarize(pooled)
        return 0
    if (args.misses or args.collector_off) and not args.instructions:
        parser.error("--misses and --collector-off need --instructions")
    path = corpus_path(args.corpus)
    files = sum(1 for _ in path.rglob("*.py"))
    how = "default selection" if args.defaults else f"--select {SELECT}"
    off = ", garbage collector off" if args.collector_off else ""
    print(f"{CORPUS_LINE} {path} ({files} .py files), flake8 -j1 {how}{off}")
    print(f"{CODE_LINE} {plugin_fingerprint()}")
    if args.instructions:
        return count_instructions(
            path,
            defaults=args.defaults,
            breakdown=args.breakdown,
            misses=args.misses,
            collector=not args.collector_off,
        )
    modes: tuple[str, ...] = ("without", "with")
    if args.breakdown:
        modes = BREAKDOWN
    if args.yardstick:
        modes += ("yardstick",)
    for mode in modes:
        run_once(mode, path, None)  # warm the file cache and write the bytecode
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    cpu: dict[str, list[float]] = {mode: [] for mode in modes}
    rss: dict[str, int] = dict.fromkeys(modes, 0)
    for index in range(args.runs):
        # Each round starts with the next mode (without-with, with-without, ...): an order
        # effect within a round (the second run finding warmer caches, say) cancels out
        # instead of always counting for or against the plugin.
        shift = index % len(modes)
        for mode in modes[shift:] + modes[:shift]:
            seconds, cpu_seconds, peak = run_once(mode, path, None, defaults=args.defaults)
            times[mode].append(seconds)
            cpu[mode].append(cpu_seconds)
            rss[mode] = max(rss[mode], peak)
    for mode in modes:
        print(f"{LABELS[mode] + ':':16}runs " + " ".join(f"{t:.2f}" for t in times[mode]))
    for mode in modes:
        print(
            f"{LABELS[mode] + ':':16}median {statistics.median(times[mode]):.2f}s wall, "
            f"{statistics.median(cpu[mode]):.2f}s CPU, peak RSS {rss[mode] / 1024:.0f} MiB"
        )
    _summarize(times, cpu)
    if args.breakdown:
        print(f"split (wall, median of the rounds): {_split(times)}")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile.json"
        run_once("with", path, profile, defaults=args.defaults)
        totals: dict[str, float] = json.loads(profile.read_text(encoding="utf-8"))
        collector: dict[str, dict[str, float]] = {}
        for mode in ("without", "with"):
            report = Path(tmp) / f"gc-{mode}.json"
            run_once(mode, path, None, defaults=args.defaults, gc_report=report)
            collector[mode] = json.loads(report.read_text(encoding="utf-8"))
    total = totals.pop("total", 0.0)
    handlers = sum(totals.values())
    print(f"plugin time in one profiled run: {total:.2f}s")
    print(f"  walk, scopes and resolver: {total - handlers:.2f}s")
    for family, seconds in sorted(totals.items()):
        print(f"  family {family}: {seconds:.2f}s")
    without, with_ = collector["without"], collector["with"]
    print(
        f"garbage collector (one more run each): {without['total']:.2f}s without the plugin, "
        f"{with_['total']:.2f}s with it; its full collections ({without['full']:.0f} and "
        f"{with_['full']:.0f}) went through {without['objects'] / 1e3:,.0f}k and "
        f"{with_['objects'] / 1e3:,.0f}k objects; young collections {without['young']:.0f} "
        f"and {with_['young']:.0f}"
    )
    print(
        f"flake8 tokenizing files for `# noqa` (at a file's first report, whatever reports "
        f"it; the collector's time left out): {without['tokenized']:.0f} files, "
        f"{without['tokenizing']:.2f}s without the plugin; {with_['tokenized']:.0f} files, "
        f"{with_['tokenizing']:.2f}s with it"
    )
    print(
        f"plugin import time: {import_time(cached=True) * 1000:.1f} ms with cached bytecode, "
        f"{import_time(cached=False) * 1000:.1f} ms compiling every module"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
