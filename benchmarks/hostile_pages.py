"""Cleaning time against page size on the two pathological pages of issue 14: a page of paragraphs
(`<p>` after `<p>`) and a page of a million bold words (`<b>x</b>`).

    python benchmarks/hostile_pages.py [--elements 2000 4000 8000 16000] [--repeats 3] [--quick] [--json FILE]

Each shape is cleaned at growing element counts up to the clean stage's budget (CleanOptions.max_elements),
and the time per element at the largest size is divided by the time per element at the smallest: 1.0 is
linear, and the target is at most 1.5. Then the full-size pages as the attack sent them (9.5 MB and 8 MB)
are cleaned once: the budget refuses them, and the figures are that time and the memory traced while
refusing, each as a ratio to cleaning the largest page within budget. --quick: 500 and 1,000 elements, once
each, for a smoke test (the full-size pages are still cleaned: the budget refuses them at once).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

from harness import parser, print_machine, save

from blocwatch.clean import DEFAULT_OPTIONS, clean
from blocwatch.model import Article, Problem, RawPage

LINEAR_TARGET = 1.5
_WORDS = "Envoys from Kabul and Tashkent discussed the railway survey and the border crossing at Termez"

SHAPES = {
    "paragraphs": lambda n: "<html><body>" + "".join(f"<p>{_WORDS} {i}." for i in range(n)) + "</body></html>",
    "bold words": lambda n: "<html><body><p>" + "<b>x</b> " * n + "</p></body></html>",
}
# The attack's pages: 9.5 MB of paragraphs, and 8 MB holding a million bold words.
FULL = {"paragraphs": 95_000, "bold words": 1_000_000}


def _clean(content: str) -> tuple[float, int, Article | Problem]:
    tracemalloc.start()
    start = time.perf_counter()
    result = clean(RawPage(id="bench", origin="bench.html", content=content, kind="html"))
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, result


def main() -> None:
    arguments = parser(__doc__, quick="500 and 1,000 elements, once each")
    arguments.add_argument("--elements", type=int, nargs="+", default=[2_000, 4_000, 8_000, 16_000])
    arguments.add_argument("--repeats", type=int, default=3)
    options = arguments.parse_args()
    if options.quick:
        options.elements, options.repeats = [500, 1_000], 1
    print_machine()
    _clean(SHAPES["paragraphs"](10))  # warm-up: imports and data files
    figures: dict = {"budget_elements": DEFAULT_OPTIONS.max_elements, "shapes": {}}
    for shape, make in SHAPES.items():
        per_element = {}
        for count in options.elements:
            page = make(count)
            # Timing without tracemalloc, which slows Python code and not C code alike.
            seconds = []
            for _ in range(options.repeats):
                start = time.perf_counter()
                clean(RawPage(id="bench", origin="bench.html", content=page, kind="html"))
                seconds.append(time.perf_counter() - start)
            per_element[count] = statistics.median(seconds) / count
            print(f"{shape:<11} {count:>7} elements ({len(page) / 1e6:5.2f} MB): {statistics.median(seconds):6.2f} s, "
                  f"{per_element[count] * 1e6:6.1f} us an element")
        low, high = min(options.elements), max(options.elements)
        ratio = per_element[high] / per_element[low]
        largest = make(high)
        largest_seconds, largest_peak, _ = _clean(largest)
        full = make(FULL[shape])
        full_seconds, full_peak, outcome = _clean(full)
        refused = isinstance(outcome, Problem) and "too complex" in outcome.reason
        figures["shapes"][shape] = {
            "elements": options.elements, "seconds_per_element": per_element, "linear_ratio": ratio,
            "full_mb": len(full) / 1e6, "full_refused": refused, "full_seconds": full_seconds,
            "full_time_ratio": full_seconds / largest_seconds, "full_memory_ratio": full_peak / largest_peak}
        print(f"{shape:<11} time an element at {high} / at {low}: {ratio:.2f} (target <= {LINEAR_TARGET}) "
              f"{'ok' if ratio <= LINEAR_TARGET else 'OVER TARGET'}")
        print(f"{shape:<11} full page {len(full) / 1e6:.1f} MB: {'refused' if refused else 'NOT REFUSED'} in "
              f"{full_seconds:.2f} s, {full_seconds / largest_seconds:.2f}x the time and "
              f"{full_peak / largest_peak:.2f}x the memory of the largest page within budget")
    save(options.json, "hostile_pages", figures)


if __name__ == "__main__":
    main()
