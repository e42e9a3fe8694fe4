"""Where extract's time goes: `Extractor.extract_many` on a real-shaped corpus under cProfile.

    python benchmarks/profile_extract.py [--words 30000] [--top 15]

Counts CPU time (not wall time), so that other processes on a shared machine change the totals
less than the shares. Prints the share of each stage (the spaCy pipeline on gated sentences,
segmentation with actor matching, the coder's passes, dating and the event records), then the
functions that spend the most time themselves. benchmarks/README.md keeps the figures before and
after each change to the extractor's speed.
"""

from __future__ import annotations

import cProfile
import pstats
import time

import corpus
from harness import parser, print_machine

from blocwatch.events import Extractor

# Stages by the function that does each: the cumulative CPU time of its calls (the pipeline's is
# spaCy's own generator over the components, which the stream drives)
STAGES = {
    "spaCy pipeline on gated sentences": [("spacy/language.py", "pipe")],
    "segmentation, actor matching, the gate": [("blocwatch/events/__init__.py", "segment")],
    "coder passes (code_sentence)": [("blocwatch/events/coder.py", "code_sentence")],
    # dating is called beside the event record since the article's lead date came in, no longer inside it
    "dating and event records": [("blocwatch/events/dating.py", "date"), ("blocwatch/events/__init__.py", "_event")],
}


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--words", type=int, default=30_000)
    arguments.add_argument("--top", type=int, default=15)
    options = arguments.parse_args()
    print_machine()
    articles = corpus.articles(corpus.documents(words=options.words))
    print(f"corpus: {len(articles)} documents, {sum(len(a.text.split()) for a in articles)} words "
          f"({corpus.load_sources().name})")
    extractor = Extractor.load()
    list(extractor.extract_many(articles[:5]))  # warm-up: lazy loads
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in extractor.extract_many(articles):
        pass
    profile.disable()
    stats = pstats.Stats(profile)
    total = max(cumulative for (path, _, name), (_, _, _, cumulative, _) in stats.stats.items()
                if path.endswith("blocwatch/events/__init__.py") and name == "extract_many")
    print(f"extract_many: {total:.1f} s of CPU")
    spent = {stage: sum(_cumulative(stats, *one) for one in where) for stage, where in STAGES.items()}
    # The stream reads the articles, and so segments them, from inside nlp.pipe: that is not spaCy's time
    spent["spaCy pipeline on gated sentences"] -= _cumulative(stats, "blocwatch/events/__init__.py", "gated_texts")
    for stage, seconds in spent.items():
        print(f"  {stage:<42} {seconds:6.1f} s  {seconds / total:5.1%}")
    stats.sort_stats("tottime").print_stats(options.top)


def _cumulative(stats: pstats.Stats, path: str, function: str) -> float:
    """The cumulative CPU seconds of a function (its largest entry: recursive generators count once)."""
    return max((cumulative for (file, _, name), (_, _, _, cumulative, _) in stats.stats.items()
                if file.endswith(path) and name == function), default=0.0)


if __name__ == "__main__":
    main()
