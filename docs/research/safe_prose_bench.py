"""60,000 prose fields (~250 chars) through safe_prose, several mixes."""
import random, time, statistics, safe_prose as sp
random.seed(1)
WORDS = "the loader reads configuration validates schema defaults operators drift early component decision because latency budget cache retry queue".split()
def sentence(): return " ".join(random.choice(WORDS) for _ in range(random.randint(8, 16))).capitalize() + ". "
def plain(): return (sentence() + sentence() + sentence())[:200] + "\n\n- first point\n- second point\n"
def rich():  # safe but triggers the cmark check: link + code span + fence + table
    return random.choice([
        sentence() + "See [the docs](https://example.com/d#x) and `cfg.yaml`.\n\n- a\n  - b `x`\n\n```py\nrun()\n```\n",
        sentence() + "Options:\n\n| key | value |\n|-----|-------|\n| `a` | 1 |\n\n#### Notes\n" + sentence(),
        sentence() + "<https://example.com/x> " + sentence()])
def unsafe():
    return random.choice([
        "# Overview\n\n" + sentence() + "[x](javascript:alert(1))\n",
        sentence() + "<b>bold</b> and <br>\n\n```sh\nrm -rf /\n",
        "Title\n---\n" + sentence() + "![p](data:image/png;base64,AAAA)\n",
        sentence() + "\n\n[ref]: https://example.com\n\nsee [ref]\n"])
MIXES = {"100% plain": (1, 0, 0), "100% rich-safe": (0, 1, 0), "70/25/5 mix": (.70, .25, .05),
         "50/40/10 mix": (.5, .4, .1), "100% unsafe": (0, 0, 1)}
N = 60000
for name, (p, r, u) in MIXES.items():
    fields = [random.choices((plain, rich, unsafe), (p, r, u))[0]() for _ in range(N)]
    avg = statistics.mean(map(len, fields))
    best = 1e9
    for _ in range(3):
        t0 = time.perf_counter()
        for f in fields:
            sp.safe_prose(f, 3)
        best = min(best, time.perf_counter() - t0)
    print(f"{name:16s} avg {avg:5.0f} chars: {best:6.2f} s total, {best / N * 1e6:6.1f} us/field")
