"""Times a peer's job the way PeerJobs.Run times ours: the input is loaded first and not timed, the first call in this
fresh process is "cold", the median of `runs` further calls is "warm"; prints one line in the shared format."""
import statistics
import time


def report(side, job, call, runs):
    start = time.perf_counter()
    result = call()
    cold = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        warm.append((time.perf_counter() - start) * 1000)
    median = statistics.median(warm) if warm else float("nan")
    print(f"side={side} job={job} cold_ms={cold:.1f} warm_median_ms={median:.1f} runs={runs} result={result}")
