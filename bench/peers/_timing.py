"""Timing protocol shared by the NumPy/SciPy peers; mirrors timeIt() in bench/harness.ts.

Warm-up (at least one call, ~0.2 s; none when warmup == 0), calibrate the number of calls per sample so
that a sample lasts at least min_sample seconds (1 call without warm-up), take `samples` samples (no new
one after max_seconds, at least 1), report the median and the minimum time per call, in wall time
(perf_counter) and in process CPU time (process_time: user + system of all threads).
"""

import json
import sys
import time


def time_it(fn, min_sample=0.05, samples=7, warmup=0.2, max_seconds=30.0):
    calls_per_sample = 1
    if warmup > 0:  # warmup == 0: no warm-up call, one call per sample (for long runs)
        t0 = time.perf_counter()
        calls = 0
        while True:
            fn()
            calls += 1
            if time.perf_counter() - t0 >= warmup:
                break
        per_call = (time.perf_counter() - t0) / calls
        calls_per_sample = max(1, int(-(-min_sample // max(per_call, 1e-9))))
    times = []
    cpu_times = []
    start = time.perf_counter()
    for _ in range(samples):
        c0 = time.process_time()
        s0 = time.perf_counter()
        for _ in range(calls_per_sample):
            fn()
        times.append((time.perf_counter() - s0) / calls_per_sample)
        cpu_times.append((time.process_time() - c0) / calls_per_sample)
        if time.perf_counter() - start > max_seconds:  # at least one sample is always taken
            break
    return {
        "medianSeconds": _median(times),
        "minSeconds": min(times),
        "cpuMedianSeconds": _median(cpu_times),
        "cpuMinSeconds": min(cpu_times),
        "samples": len(times),
        "callsPerSample": calls_per_sample,
    }


def _median(xs):
    v = sorted(xs)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 == 1 else 0.5 * (v[mid - 1] + v[mid])


def timing_options(spec):
    t = spec.get("timing", {})
    return {
        "min_sample": t.get("minSampleSeconds", 0.05),
        "samples": t.get("samples", 7),
        "warmup": t.get("warmupSeconds", 0.2),
        "max_seconds": t.get("maxSeconds", 30.0),
    }


def load_spec():
    with open(sys.argv[1], encoding="utf8") as f:
        return json.load(f)


def emit(result):
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
